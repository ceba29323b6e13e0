package io.github.springsignalr.upstream;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One {@link SignalRConnected}, {@link SignalRDisconnected} or {@link SignalRMessage} method of a bean: which events it
 * is for, how its parameters are filled, and the call.
 */
final class UpstreamHandlerMethod {

	private final Object bean;

	private final Method method;

	private final String hub;

	private final @Nullable String target;

	private UpstreamHandlerMethod(Object bean, Method method, String hub, @Nullable String target) {
		this.bean = bean;
		this.method = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(this.method);
		this.hub = hub.toLowerCase(Locale.ROOT);
		this.target = target;
	}

	/**
	 * A {@link SignalRConnected} or {@link SignalRDisconnected} method.
	 * @throws IllegalStateException when it takes anything but an {@link InvocationContext}
	 */
	static UpstreamHandlerMethod forConnectionEvent(Object bean, Method method, String hub, String annotation) {
		Class<?>[] parameters = method.getParameterTypes();
		if (parameters.length > 1 || (parameters.length == 1 && parameters[0] != InvocationContext.class)) {
			throw new IllegalStateException(
					annotation + " method " + describe(method) + " may take an InvocationContext and nothing else");
		}
		return new UpstreamHandlerMethod(bean, method, hub, null);
	}

	/**
	 * A {@link SignalRMessage} method.
	 */
	static UpstreamHandlerMethod forMessage(Object bean, Method method, SignalRMessage message) {
		String target = message.target().isEmpty() ? method.getName() : message.target();
		return new UpstreamHandlerMethod(bean, method, message.hub(), target);
	}

	/**
	 * The hub, lower-cased; empty for every hub.
	 */
	String hub() {
		return this.hub;
	}

	/**
	 * The invocation target of a message method, else {@code null}.
	 */
	@Nullable String target() {
		return this.target;
	}

	boolean matchesHub(String hub) {
		return this.hub.isEmpty() || this.hub.equals(hub.toLowerCase(Locale.ROOT));
	}

	boolean hasResult() {
		return this.method.getReturnType() != void.class;
	}

	/**
	 * Calls the method of a connection event.
	 * @param timeout how long a {@link CompletionStage} result is waited for
	 */
	void callWith(InvocationContext context, Duration timeout) throws Throwable {
		call((this.method.getParameterCount() == 0) ? new Object[0] : new Object[] { context }, timeout);
	}

	/**
	 * The values of the parameters of a message method: the context, and the invocation's arguments in order.
	 * @throws IllegalArgumentException when the arguments do not fit the parameters
	 * @throws tools.jackson.core.JacksonException when an argument cannot be read as its parameter's type
	 */
	Object[] arguments(InvocationContext context, List<JsonNode> arguments, JsonMapper json) {
		Class<?>[] types = this.method.getParameterTypes();
		Object[] args = new Object[types.length];
		int next = 0;
		for (int i = 0; i < types.length; i++) {
			if (types[i] == InvocationContext.class) {
				args[i] = context;
			}
			else {
				if (next >= arguments.size()) {
					throw new IllegalArgumentException("Too few arguments");
				}
				args[i] = json.treeToValue(arguments.get(next++),
						json.constructType(this.method.getGenericParameterTypes()[i]));
			}
		}
		if (next != arguments.size()) {
			throw new IllegalArgumentException("Too many arguments");
		}
		return args;
	}

	/**
	 * Calls the method and, when it returns a {@link CompletionStage}, waits for its value: the service waits for the
	 * answer anyway, and the client for its result. The wait is bounded, as the service's is: a stage that completes
	 * later has nobody left to hear it, so its value is dropped.
	 * @param timeout how long a {@link CompletionStage} result is waited for
	 * @throws StageTimeoutException when the stage did not complete within {@code timeout}
	 * @throws Throwable what the method threw, or what its stage failed with
	 */
	Object call(Object[] args, Duration timeout) throws Throwable {
		Object result;
		try {
			result = this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		if (result instanceof CompletionStage<?> stage) {
			try {
				return stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() != null) ? ex.getCause() : ex;
			}
			catch (TimeoutException ex) {
				// Our own type: a stage that failed with a TimeoutException of its own is a failure, not this.
				throw new StageTimeoutException(timeout);
			}
		}
		return result;
	}

	@Override
	public String toString() {
		return describe(this.method);
	}

	/**
	 * A method's {@link CompletionStage} that did not complete within the invocation timeout.
	 */
	static final class StageTimeoutException extends Exception {

		StageTimeoutException(Duration timeout) {
			super("The result did not complete within " + timeout, null, false, false);
		}

	}

	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "#" + method.getName();
	}

}
