package io.github.springsignalr.upstream;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method that receives the {@code connected} event of the service's upstream (category
 * {@code connections}): a client finished its handshake with the service. The method takes no parameter or an
 * {@link InvocationContext}; what it returns is ignored. Every matching method is called; one that throws makes the
 * answer to the service a 500.
 * <pre class="code">
 * &#64;SignalRConnected(hub = "chat")
 * void joined(InvocationContext context) {
 *     this.template.sendToAll("chat", "joined", context.userId());
 * }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface SignalRConnected {

	/**
	 * The hub, in any case; empty for every hub.
	 */
	String hub() default "";

}
