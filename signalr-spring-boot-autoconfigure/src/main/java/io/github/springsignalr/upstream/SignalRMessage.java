package io.github.springsignalr.upstream;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method as the hub method clients invoke through the service's upstream (category {@code messages},
 * the event being the invocation's target), as a method of a .NET {@code ServerlessHub} is.
 * <p>
 * Parameters of type {@link InvocationContext} receive the event's context; the others receive the invocation's
 * arguments in order, read from JSON into the parameter's type. What the method returns is the invocation's result,
 * sent back to the client as its completion ({@code void}: a completion without result). A
 * {@link SignalRHubException} sends its message to the client as the invocation's error; any other exception sends a
 * generic error (and is logged), as ASP.NET Core SignalR does, so no detail of the server leaks to clients.
 * <pre class="code">
 * &#64;SignalRMessage(hub = "chat", target = "broadcast")
 * String broadcast(InvocationContext context, String text) {
 *     this.template.sendToAll("chat", "message", context.userId(), text);
 *     return "sent";
 * }
 * </pre>
 * One method per hub and target: a second one fails start-up. A method for a hub wins over one for every hub.
 * <p>
 * Ahead-of-time processing registers the method, its parameters' types and its result's type for reflection, so that
 * it is called and its JSON bound in a native image too; types reached only through {@code Object} need
 * {@code @RegisterReflectionForBinding}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(UpstreamHandlerReflectiveProcessor.class)
public @interface SignalRMessage {

	/**
	 * The hub, in any case; empty for every hub.
	 */
	String hub() default "";

	/**
	 * The invocation's target (the hub method's name clients invoke), matched in any case as ASP.NET Core SignalR
	 * does; the method's own name when empty.
	 */
	String target() default "";

}
