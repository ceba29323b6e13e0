package io.github.springsignalr.emulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.springsignalr.emulator.KeyType;

/**
 * Marks a {@code String} parameter to receive the emulator's connection string with the given key, as it is when
 * the method is called.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SignalRConnectionString {

	/**
	 * Which key the connection string holds.
	 */
	KeyType value() default KeyType.PRIMARY;

}
