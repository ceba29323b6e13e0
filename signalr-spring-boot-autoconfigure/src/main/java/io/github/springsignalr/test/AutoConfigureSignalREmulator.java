package io.github.springsignalr.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.springsignalr.autoconfigure.SignalRConnectionDetails;
import io.github.springsignalr.emulator.KeyType;

import org.springframework.context.annotation.Import;

/**
 * Runs a SignalR Service emulator (signalr-emulator, which the test's classpath must hold) for a
 * {@code @SpringBootTest} class: started on a free port with the application context, stopped with it, and shared by
 * every test class whose context Spring's test cache shares. The emulator is a bean
 * ({@code @Autowired SignalREmulator}) and the application's only endpoint, through a {@link SignalRConnectionDetails}
 * bean in place of the connection-string properties. With {@link #endpoints()}, one emulator per endpoint, each
 * injected with {@code @Qualifier("<name>")}.
 * <p>
 * {@link #keyVault()} puts the endpoints' connection strings in a Key Vault emulator and gives the application Key
 * Vault references to them; {@link #entra()} has the emulator trust a Microsoft Entra ID emulator and gives the
 * application Microsoft Entra connection strings. {@link SignalREmulatorCustomizer} beans of the test's configuration
 * adjust the emulators before they start.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(SignalREmulatorRegistrar.class)
public @interface AutoConfigureSignalREmulator {

	/**
	 * The name of the vault's secret that holds the unnamed endpoint's connection string, with {@link #keyVault()};
	 * a named endpoint's secret has the endpoint's name.
	 */
	String SECRET_NAME = "signalr";

	/**
	 * Where the emulator posts upstream events, as an URL template with {@code {hub}}, {@code {category}} and
	 * {@code {event}}: absolute ({@code http://localhost:8080/api/{hub}/{category}/{event}}), or a path on this
	 * application ({@code /signalr/upstream/{hub}/{category}/{event}}, the starter's default path), which the
	 * application's port and context path precede. For a path, a {@code server.port} of 0 (a random port) is replaced by
	 * a free port chosen before the server starts, since the emulator must know it first. Empty for no upstream.
	 */
	String upstream() default "";

	/**
	 * The endpoints, one emulator each, as {@code "<name>"} (a primary) or {@code "<name>:secondary"}; empty for one
	 * unnamed primary endpoint.
	 */
	String[] endpoints() default {};

	/**
	 * Which of the emulators' keys the application's connection strings hold.
	 */
	KeyType key() default KeyType.PRIMARY;

	/**
	 * Whether to run a Key Vault emulator (a {@code KeyVaultEmulator} bean) holding each endpoint's connection string
	 * (secret {@value #SECRET_NAME} for the unnamed endpoint, the endpoint's name otherwise), and give the application
	 * a versionless Key Vault reference to it: {@code azure.signalr.key-vault.allowed-hosts} defaults to
	 * {@code localhost}, and the vault client trusts the vault's certificate and presents a local token.
	 */
	boolean keyVault() default false;

	/**
	 * Whether to run a Microsoft Entra ID emulator (an {@code EntraEmulator} bean) with one registered application
	 * (an {@link EmulatedEntraApplication} bean) that the emulators trust as SignalR Service Owner, and give the
	 * application Microsoft Entra connection strings for it: Spring Cloud Azure's
	 * {@code spring.cloud.azure.profile.environment.active-directory-endpoint} points at the emulator,
	 * {@code azure.signalr.entra.allowed-hosts} defaults to {@code localhost}, and the credentials trust the emulator's
	 * certificate.
	 */
	boolean entra() default false;

}
