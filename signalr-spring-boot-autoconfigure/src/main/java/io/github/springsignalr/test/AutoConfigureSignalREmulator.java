package io.github.springsignalr.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.springsignalr.autoconfigure.SignalRConnectionDetails;

import org.springframework.context.annotation.Import;

/**
 * Runs a SignalR Service emulator (signalr-emulator, which the test's classpath must hold) for a
 * {@code @SpringBootTest} class: started on a free port with the application context, stopped with it, and shared by
 * every test class whose context Spring's test cache shares. The emulator is a bean
 * ({@code @Autowired SignalREmulator}) and the application's only endpoint, through a {@link SignalRConnectionDetails} bean in place of the
 * connection-string properties. With {@link #endpoints()}, one emulator per endpoint, each injected with
 * {@code @Qualifier("<name>")}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(SignalREmulatorRegistrar.class)
public @interface AutoConfigureSignalREmulator {

	/**
	 * The hub clients of the emulator may reach the application's upstream at, as an URL template such as
	 * {@code http://localhost:8080/signalr/upstream/{hub}/{category}/{event}}; empty for none.
	 */
	String upstream() default "";

	/**
	 * The endpoints, one emulator each, as {@code "<name>"} (a primary) or {@code "<name>:secondary"}; empty for one
	 * unnamed primary endpoint.
	 */
	String[] endpoints() default {};

}
