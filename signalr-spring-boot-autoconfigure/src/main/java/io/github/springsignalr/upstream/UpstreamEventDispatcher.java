package io.github.springsignalr.upstream;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Calls the {@link SignalRConnected}, {@link SignalRDisconnected} and {@link SignalRMessage} methods an upstream event
 * is for, and answers as the service expects: for an invocation with an id, a JSON hub protocol completion record
 * ({@code {"type":3,"invocationId":…,"result":…}} or {@code "error"}), which the service relays to the client.
 * <p>
 * Only JSON bodies are read: clients on the MessagePack protocol are not supported. Requests reach this class once
 * their signature and hub have been checked.
 */
public class UpstreamEventDispatcher {

	/** The category of {@code connected} and {@code disconnected} events. */
	public static final String CONNECTIONS = "connections";

	/** The category of client invocations. */
	public static final String MESSAGES = "messages";

	public static final String CONNECTED = "connected";

	public static final String DISCONNECTED = "disconnected";

	private static final Log logger = LogFactory.getLog(UpstreamEventDispatcher.class);

	private static final int INVOCATION = 1;

	private static final int COMPLETION = 3;

	private final JsonMapper json;

	private final List<HandlerMethod> connected = new CopyOnWriteArrayList<>();

	private final List<HandlerMethod> disconnected = new CopyOnWriteArrayList<>();

	private final Map<String, HandlerMethod> messages = new LinkedHashMap<>();

	public UpstreamEventDispatcher(JsonMapper json) {
		this.json = Objects.requireNonNull(json, "json");
	}

	/**
	 * Registers every annotated method of {@code bean}.
	 * @param bean the bean, possibly a proxy: methods are called on it
	 * @throws IllegalStateException when a method's parameters do not fit its annotation, or a hub and target have
	 * two methods
	 */
	public void register(Object bean) {
		Class<?> type = AopUtils.getTargetClass(bean);
		Map<Method, Object> annotated = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<Object>) (method) -> annotation(method));
		annotated.forEach((method, annotation) -> {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			ReflectionUtils.makeAccessible(invocable);
			if (annotation instanceof SignalRConnected connectedAnnotation) {
				this.connected.add(connectionHandler(bean, invocable, method, connectedAnnotation.hub(), "@SignalRConnected"));
			}
			else if (annotation instanceof SignalRDisconnected disconnectedAnnotation) {
				this.disconnected
					.add(connectionHandler(bean, invocable, method, disconnectedAnnotation.hub(), "@SignalRDisconnected"));
			}
			else {
				SignalRMessage message = (SignalRMessage) annotation;
				String target = message.target().isEmpty() ? method.getName() : message.target();
				HandlerMethod handler = new HandlerMethod(bean, invocable, normalize(message.hub()), target);
				synchronized (this.messages) {
					HandlerMethod clash = this.messages.putIfAbsent(key(handler.hub(), target), handler);
					if (clash != null) {
						String hub = handler.hub().isEmpty() ? "every hub" : "hub '" + handler.hub() + "'";
						throw new IllegalStateException("Two @SignalRMessage methods for " + hub + " and target '"
								+ target + "': " + describe(clash.method()) + " and " + describe(method));
					}
				}
			}
		});
	}

	/**
	 * Whether any method is registered.
	 */
	public boolean hasHandlers() {
		synchronized (this.messages) {
			return !this.connected.isEmpty() || !this.disconnected.isEmpty() || !this.messages.isEmpty();
		}
	}

	/**
	 * Handles one event.
	 * @param context the event, with a checked signature
	 * @param body the request's body, JSON
	 */
	public UpstreamResponse dispatch(InvocationContext context, byte[] body) {
		if (CONNECTIONS.equalsIgnoreCase(context.category())) {
			if (CONNECTED.equalsIgnoreCase(context.event())) {
				return notify(this.connected, context);
			}
			if (DISCONNECTED.equalsIgnoreCase(context.event())) {
				return notify(this.disconnected, context.withError(disconnectError(body)));
			}
			return UpstreamResponse.BAD_REQUEST;
		}
		if (MESSAGES.equalsIgnoreCase(context.category())) {
			return invoke(context, body);
		}
		return UpstreamResponse.BAD_REQUEST;
	}

	private UpstreamResponse notify(List<HandlerMethod> handlers, InvocationContext context) {
		boolean failed = false;
		for (HandlerMethod handler : handlers) {
			if (handler.matchesHub(context.hub())) {
				try {
					handler.call(handler.method().getParameterCount() == 0 ? new Object[0] : new Object[] { context });
				}
				catch (Throwable ex) {
					failed = true;
					logger.error("The " + context.event() + " event of a connection of hub '" + context.hub()
							+ "' failed in " + describe(handler.method()), ex);
				}
			}
		}
		return failed ? UpstreamResponse.SERVER_ERROR : UpstreamResponse.OK;
	}

	private UpstreamResponse invoke(InvocationContext context, byte[] body) {
		JsonNode invocation;
		try {
			invocation = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return UpstreamResponse.BAD_REQUEST;
		}
		JsonNode type = invocation.get("type");
		JsonNode target = invocation.get("target");
		if (type == null || type.asInt() != INVOCATION || target == null || !target.isString()
				|| !target.stringValue().equalsIgnoreCase(context.event())) {
			// The .NET extension also insists that the event is the invocation's target.
			return UpstreamResponse.BAD_REQUEST;
		}
		JsonNode id = invocation.get("invocationId");
		String invocationId = (id != null && id.isString()) ? id.stringValue() : null;
		JsonNode arguments = invocation.get("arguments");
		List<JsonNode> values = new ArrayList<>();
		if (arguments != null && arguments.isArray()) {
			arguments.forEach(values::add);
		}
		HandlerMethod handler = find(context.hub(), target.stringValue());
		if (handler == null) {
			logger.debug("No @SignalRMessage method for hub '" + context.hub() + "' and target '"
					+ target.stringValue() + "'");
			return completion(invocationId, null, false, "Failed to invoke '" + target.stringValue()
					+ "' due to an error on the server. HubException: Method does not exist.");
		}
		Object[] args;
		try {
			args = handler.arguments(context, values, this.json);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return completion(invocationId, null, false, "Failed to invoke '" + target.stringValue()
					+ "' due to an error on the server. InvalidDataException: Error binding arguments.");
		}
		try {
			Object result = handler.call(args);
			return completion(invocationId, result, handler.method().getReturnType() != void.class, null);
		}
		catch (SignalRHubException ex) {
			return completion(invocationId, null, false, ex.getMessage());
		}
		catch (Throwable ex) {
			logger.error("Hub method '" + target.stringValue() + "' of hub '" + context.hub() + "' failed in "
					+ describe(handler.method()), ex);
			return completion(invocationId, null, false,
					"An unexpected error occurred invoking '" + target.stringValue() + "' on the server.");
		}
	}

	private UpstreamResponse completion(String invocationId, Object result, boolean hasResult, String error) {
		if (invocationId == null) {
			return UpstreamResponse.OK;
		}
		Map<String, Object> completion = new LinkedHashMap<>();
		completion.put("type", COMPLETION);
		completion.put("invocationId", invocationId);
		if (error != null) {
			completion.put("error", error);
		}
		else if (hasResult) {
			completion.put("result", result);
		}
		return new UpstreamResponse(200, this.json.writeValueAsString(completion));
	}

	private HandlerMethod find(String hub, String target) {
		synchronized (this.messages) {
			HandlerMethod forHub = this.messages.get(key(normalize(hub), target));
			return (forHub != null) ? forHub : this.messages.get(key("", target));
		}
	}

	private String disconnectError(byte[] body) {
		try {
			JsonNode message = this.json.readTree(body);
			for (String name : List.of("Error", "error")) {
				JsonNode error = message.get(name);
				if (error != null && error.isString()) {
					return error.stringValue();
				}
			}
		}
		catch (JacksonException ex) {
			// A disconnected event without a readable body is still a disconnection.
		}
		return null;
	}

	private static HandlerMethod connectionHandler(Object bean, Method invocable, Method method, String hub,
			String annotation) {
		Class<?>[] parameters = method.getParameterTypes();
		if (parameters.length > 1 || (parameters.length == 1 && parameters[0] != InvocationContext.class)) {
			throw new IllegalStateException(annotation + " method " + describe(method)
					+ " may take an InvocationContext and nothing else");
		}
		return new HandlerMethod(bean, invocable, normalize(hub), null);
	}

	private static Object annotation(Method method) {
		SignalRConnected connected = AnnotatedElementUtils.findMergedAnnotation(method, SignalRConnected.class);
		if (connected != null) {
			return connected;
		}
		SignalRDisconnected disconnected = AnnotatedElementUtils.findMergedAnnotation(method,
				SignalRDisconnected.class);
		if (disconnected != null) {
			return disconnected;
		}
		return AnnotatedElementUtils.findMergedAnnotation(method, SignalRMessage.class);
	}

	private static String key(String hub, String target) {
		return hub + "/" + target.toLowerCase(Locale.ROOT);
	}

	private static String normalize(String hub) {
		return hub.toLowerCase(Locale.ROOT);
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getName() + "#" + method.getName();
	}

	/**
	 * One annotated method.
	 *
	 * @param hub the hub lower-cased, empty for every hub
	 * @param target the target for a message method, else {@code null}
	 */
	private record HandlerMethod(Object bean, Method method, String hub, String target) {

		boolean matchesHub(String other) {
			return this.hub.isEmpty() || this.hub.equals(normalize(other));
		}

		Object[] arguments(InvocationContext context, List<JsonNode> values, JsonMapper json) {
			Class<?>[] types = this.method.getParameterTypes();
			Object[] args = new Object[types.length];
			int next = 0;
			for (int i = 0; i < types.length; i++) {
				if (types[i] == InvocationContext.class) {
					args[i] = context;
				}
				else {
					if (next >= values.size()) {
						throw new IllegalArgumentException("Too few arguments");
					}
					args[i] = json.treeToValue(values.get(next++),
							json.constructType(this.method.getGenericParameterTypes()[i]));
				}
			}
			if (next != values.size()) {
				throw new IllegalArgumentException("Too many arguments");
			}
			return args;
		}

		Object call(Object[] args) throws Throwable {
			try {
				return this.method.invoke(this.bean, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

	}

}
