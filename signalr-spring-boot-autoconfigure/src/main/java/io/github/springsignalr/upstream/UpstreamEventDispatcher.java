package io.github.springsignalr.upstream;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

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

	private final List<UpstreamHandlerMethod> connected = new CopyOnWriteArrayList<>();

	private final List<UpstreamHandlerMethod> disconnected = new CopyOnWriteArrayList<>();

	private final Map<String, UpstreamHandlerMethod> messages = new ConcurrentHashMap<>();

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
		Map<Method, Object> annotated = MethodIntrospector.selectMethods(AopUtils.getTargetClass(bean),
				(MethodIntrospector.MetadataLookup<Object>) UpstreamEventDispatcher::annotation);
		annotated.forEach((method, annotation) -> {
			if (annotation instanceof SignalRConnected connected) {
				this.connected.add(
						UpstreamHandlerMethod.forConnectionEvent(bean, method, connected.hub(), "@SignalRConnected"));
			}
			else if (annotation instanceof SignalRDisconnected disconnected) {
				this.disconnected.add(UpstreamHandlerMethod.forConnectionEvent(bean, method, disconnected.hub(),
						"@SignalRDisconnected"));
			}
			else {
				UpstreamHandlerMethod handler = UpstreamHandlerMethod.forMessage(bean, method,
						(SignalRMessage) annotation);
				UpstreamHandlerMethod clash = this.messages.putIfAbsent(key(handler.hub(), handler.target()), handler);
				if (clash != null) {
					String hub = handler.hub().isEmpty() ? "every hub" : "hub '" + handler.hub() + "'";
					throw new IllegalStateException("Two @SignalRMessage methods for " + hub + " and target '"
							+ handler.target() + "': " + clash + " and " + handler);
				}
			}
		});
	}

	/**
	 * Whether any method is registered.
	 */
	public boolean hasHandlers() {
		return !this.connected.isEmpty() || !this.disconnected.isEmpty() || !this.messages.isEmpty();
	}

	/**
	 * Handles one event.
	 * @param context the event, with a checked signature
	 * @param body the request's body, JSON
	 */
	public UpstreamResponse dispatch(InvocationContext context, byte[] body) {
		if (CONNECTIONS.equalsIgnoreCase(context.category())) {
			if (CONNECTED.equalsIgnoreCase(context.event())) {
				return deliver(this.connected, context);
			}
			if (DISCONNECTED.equalsIgnoreCase(context.event())) {
				return deliver(this.disconnected, context.withError(disconnectError(body)));
			}
			return UpstreamResponse.BAD_REQUEST;
		}
		if (MESSAGES.equalsIgnoreCase(context.category())) {
			return invoke(context, body);
		}
		return UpstreamResponse.BAD_REQUEST;
	}

	private UpstreamResponse deliver(List<UpstreamHandlerMethod> handlers, InvocationContext context) {
		boolean failed = false;
		for (UpstreamHandlerMethod handler : handlers) {
			if (handler.matchesHub(context.hub())) {
				try {
					handler.callWith(context);
				}
				catch (Throwable ex) {
					failed = true;
					logger.error("The " + context.event().toLowerCase(Locale.ROOT) + " event of a connection of hub '"
							+ printable(context.hub()) + "' failed in " + handler, ex);
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
		UpstreamHandlerMethod handler = find(context.hub(), target.stringValue());
		if (handler == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("No @SignalRMessage method for hub '" + printable(context.hub()) + "' and target '"
						+ printable(target.stringValue()) + "'");
			}
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
			return completion(invocationId, result, handler.hasResult(), null);
		}
		catch (SignalRHubException ex) {
			return completion(invocationId, null, false, ex.getMessage());
		}
		catch (Throwable ex) {
			logger.error("Hub method '" + printable(target.stringValue()) + "' of hub '" + printable(context.hub())
					+ "' failed in " + handler, ex);
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

	private UpstreamHandlerMethod find(String hub, String target) {
		UpstreamHandlerMethod forHub = this.messages.get(key(normalize(hub), target));
		return (forHub != null) ? forHub : this.messages.get(key("", target));
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

	/**
	 * A name from a request as a log line may show it: control characters replaced, length capped.
	 */
	private static String printable(String name) {
		String shown = (name.length() > 100) ? name.substring(0, 100) + "…" : name;
		return shown.replaceAll("\\p{Cntrl}", "?");
	}

}
