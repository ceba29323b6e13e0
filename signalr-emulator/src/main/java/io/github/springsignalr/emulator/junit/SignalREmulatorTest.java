package io.github.springsignalr.emulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a {@link io.github.springsignalr.emulator.SignalREmulator} on a free port for the annotated test class (its
 * nested classes share it) and stops it after the class. Test and lifecycle methods get it, or its connection
 * strings, as parameters:
 * <pre class="code">
 * &#64;SignalREmulatorTest
 * class ChatTests {
 *
 *     &#64;Test
 *     void broadcast(SignalREmulator emulator, &#64;SignalRConnectionString String connectionString) {
 *         …
 *     }
 *
 * }
 * </pre>
 * Where the emulator is needed before the test instance exists (a Spring {@code @DynamicPropertySource}), register
 * {@link SignalREmulatorExtension} in a static field instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SignalREmulatorExtension.class)
public @interface SignalREmulatorTest {

	/**
	 * The upstream URL template, with {@code {hub}}, {@code {category}} and {@code {event}} placeholders; none when
	 * empty.
	 */
	String upstream() default "";

	/**
	 * The primary key; a random one when empty.
	 */
	String primaryKey() default "";

	/**
	 * The secondary key; a random one when empty.
	 */
	String secondaryKey() default "";

	/**
	 * Whether to start a {@link io.github.springsignalr.emulator.keyvault.KeyVaultEmulator} too, on a free port, and
	 * resolve parameters of that type.
	 */
	boolean keyVault() default false;

	/**
	 * Whether to start a {@link io.github.springsignalr.emulator.entra.EntraEmulator} too, on a free port, that the
	 * SignalR emulator trusts, and resolve parameters of that type. Register applications in it before signing in.
	 */
	boolean entra() default false;

}
