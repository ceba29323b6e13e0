package io.github.springsignalr.upstream;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method that receives the {@code disconnected} event of the service's upstream (category
 * {@code connections}): a client's connection ended, {@link InvocationContext#error()} saying why when it failed. The
 * method takes no parameter or an {@link InvocationContext}; what it returns is ignored. Every matching method is
 * called; one that throws makes the answer to the service a 500.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface SignalRDisconnected {

	/**
	 * The hub, in any case; empty for every hub.
	 */
	String hub() default "";

}
