package io.github.springsignalr.upstream;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.github.springsignalr.upstream.SignalRUpstreamObservationContext.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Calls the {@link SignalRConnected}, {@link SignalRDisconnected} and {@link SignalRMessage} methods an upstream event
 * is for, and answers as the service expects: for an invocation with an id, a completion in the client's hub protocol
 * (JSON {@code {"type":3,"invocationId":…,"result":…}} or {@code "error"} followed by the record separator, or the
 * MessagePack array {@code [3, {}, invocationId, resultKind, result]} after its length), which the service relays to
 * the client unchanged.
 * <p>
 * Invocations of clients on the MessagePack protocol are read when {@code org.msgpack:msgpack-core} is on the class
 * path ({@link #isMessagePackAvailable()}); their arguments bind to the parameters as JSON ones do. Connection events
 * are JSON whatever the client's protocol. Requests reach this class once their signature and hub have been checked.
 */
public class UpstreamEventDispatcher {

	/** The category of {@code connected} and {@code disconnected} events. */
	public static final String CONNECTIONS = "connections";

	/** The category of client invocations. */
	public static final String MESSAGES = "messages";

	public static final String CONNECTED = "connected";

	public static final String DISCONNECTED = "disconnected";

	/** The media type of the invocations of clients on the JSON hub protocol, and of every connection event. */
	public static final String JSON = "application/json";

	/** The media type of the invocations of clients on the MessagePack hub protocol. */
	public static final String MESSAGEPACK = "application/x-msgpack";

	private static final boolean messagePackPresent = ClassUtils.isPresent("org.msgpack.core.MessagePack",
			UpstreamEventDispatcher.class.getClassLoader());

	private static final Log logger = LogFactory.getLog(UpstreamEventDispatcher.class);

	private static final int INVOCATION = 1;

	/** The default of {@link #UpstreamEventDispatcher(JsonMapper, Duration)}'s timeout. */
	public static final Duration DEFAULT_INVOCATION_TIMEOUT = Duration.ofSeconds(30);

	private static final SignalRUpstreamObservationConvention DEFAULT_OBSERVATION_CONVENTION =
			new DefaultSignalRUpstreamObservationConvention();

	private final JsonMapper json;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable SignalRUpstreamObservationConvention observationConvention;

	private final Duration invocationTimeout;

	private final UpstreamProtocol jsonProtocol;

	private volatile @Nullable UpstreamProtocol messagePackProtocol;

	private final List<UpstreamHandlerMethod> connected = new CopyOnWriteArrayList<>();

	private final List<UpstreamHandlerMethod> disconnected = new CopyOnWriteArrayList<>();

	private final Map<String, UpstreamHandlerMethod> messages = new ConcurrentHashMap<>();

	public UpstreamEventDispatcher(JsonMapper json) {
		this(json, DEFAULT_INVOCATION_TIMEOUT);
	}

	/**
	 * @param json reads arguments and writes results
	 * @param invocationTimeout how long a method's {@link java.util.concurrent.CompletionStage} result is waited for;
	 * after it an invocation is answered with an error completion and the stage's later result is ignored, and a
	 * connection event fails
	 */
	public UpstreamEventDispatcher(JsonMapper json, Duration invocationTimeout) {
		this.json = Objects.requireNonNull(json, "json");
		Objects.requireNonNull(invocationTimeout, "invocationTimeout");
		if (invocationTimeout.isNegative() || invocationTimeout.isZero()) {
			throw new IllegalArgumentException("The invocation timeout must be positive, not " + invocationTimeout);
		}
		this.invocationTimeout = invocationTimeout;
		this.jsonProtocol = new JsonUpstreamProtocol(json);
	}

	/**
	 * Observes every event dispatched with Micrometer's {@link ObservationRegistry}; none by default.
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
	}

	/**
	 * The convention of the observations, in place of {@link DefaultSignalRUpstreamObservationConvention}.
	 */
	public void setObservationConvention(SignalRUpstreamObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Whether invocations of MessagePack clients can be read: {@code org.msgpack:msgpack-core} is on the class path.
	 */
	public static boolean isMessagePackAvailable() {
		return messagePackPresent;
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
	 * How long a method's {@link java.util.concurrent.CompletionStage} result is waited for.
	 */
	public Duration invocationTimeout() {
		return this.invocationTimeout;
	}

	/**
	 * The hubs that registered methods name, lower-cased; a method for every hub names none.
	 */
	public Set<String> hubs() {
		Set<String> hubs = new TreeSet<>();
		Stream.of(this.connected.stream(), this.disconnected.stream(), this.messages.values().stream())
			.flatMap((handlers) -> handlers)
			.map(UpstreamHandlerMethod::hub)
			.filter((hub) -> !hub.isEmpty())
			.forEach((hub) -> hubs.add(normalize(hub)));
		return hubs;
	}

	/**
	 * Whether any method is registered.
	 */
	public boolean hasHandlers() {
		return !this.connected.isEmpty() || !this.disconnected.isEmpty() || !this.messages.isEmpty();
	}

	/**
	 * Handles one event of a JSON client, or a connection event.
	 * @param context the event, with a checked signature
	 * @param body the request's body, JSON, with or without the record separator
	 */
	public UpstreamResponse dispatch(InvocationContext context, byte[] body) {
		return dispatch(context, body, false);
	}

	/**
	 * Handles one event.
	 * @param context the event, with a checked signature
	 * @param body the request's body
	 * @param messagePack whether the body is MessagePack ({@link #MESSAGEPACK}) rather than JSON
	 * @throws IllegalStateException for a MessagePack body when {@link #isMessagePackAvailable()} is false
	 */
	public UpstreamResponse dispatch(InvocationContext context, byte[] body, boolean messagePack) {
		if (messagePack && !messagePackPresent) {
			throw new IllegalStateException("Add org.msgpack:msgpack-core to read MessagePack upstream requests");
		}
		Observation observation = Observation.createNotStarted(this.observationConvention,
				DEFAULT_OBSERVATION_CONVENTION, () -> observationContext(context), this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			UpstreamResponse response = dispatchObserved(context, body, messagePack);
			if (response.status() == 400) {
				observed(Outcome.BAD_REQUEST);
			}
			else if (response.status() >= 500) {
				observed(Outcome.ERROR);
			}
			else {
				observed(Outcome.SUCCESS);
			}
			return response;
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private SignalRUpstreamObservationContext observationContext(InvocationContext context) {
		String category = null;
		String event = null;
		if (CONNECTIONS.equalsIgnoreCase(context.category())) {
			category = CONNECTIONS;
			event = CONNECTED.equalsIgnoreCase(context.event()) ? CONNECTED
					: DISCONNECTED.equalsIgnoreCase(context.event()) ? DISCONNECTED : null;
		}
		else if (MESSAGES.equalsIgnoreCase(context.category())) {
			category = MESSAGES;
			// The method's own target, never the client's text: clients may invoke any name.
			UpstreamHandlerMethod handler = find(context.hub(), context.event());
			event = (handler != null) ? handler.target() : null;
		}
		return new SignalRUpstreamObservationContext(context.hub(), category, event);
	}

	/**
	 * Records how the dispatch ended in the current observation, if it is this dispatcher's and has no outcome yet
	 * (an invocation answered with an error completion has one before its 200 is seen).
	 */
	private void observed(Outcome outcome) {
		Observation current = this.observationRegistry.getCurrentObservation();
		if (current != null && current.getContext() instanceof SignalRUpstreamObservationContext context
				&& context.getOutcome() == null) {
			context.setOutcome(outcome);
		}
	}

	private UpstreamResponse dispatchObserved(InvocationContext context, byte[] body, boolean messagePack) {
		if (CONNECTIONS.equalsIgnoreCase(context.category())) {
			if (CONNECTED.equalsIgnoreCase(context.event())) {
				return deliver(this.connected, context);
			}
			if (DISCONNECTED.equalsIgnoreCase(context.event())) {
				return deliver(this.disconnected, context.withError(messagePack ? null : disconnectError(body)));
			}
			return UpstreamResponse.BAD_REQUEST;
		}
		if (MESSAGES.equalsIgnoreCase(context.category())) {
			return invoke(context, body, messagePack ? messagePackProtocol() : this.jsonProtocol);
		}
		return UpstreamResponse.BAD_REQUEST;
	}

	private UpstreamResponse deliver(List<UpstreamHandlerMethod> handlers, InvocationContext context) {
		boolean failed = false;
		for (UpstreamHandlerMethod handler : handlers) {
			if (handler.matchesHub(context.hub())) {
				try {
					handler.callWith(context, this.invocationTimeout);
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

	private UpstreamResponse invoke(InvocationContext context, byte[] body, UpstreamProtocol protocol) {
		UpstreamProtocol.Message invocation;
		try {
			invocation = protocol.read(body);
		}
		catch (IllegalArgumentException ex) {
			return UpstreamResponse.BAD_REQUEST;
		}
		String target = invocation.target();
		if (invocation.type() != INVOCATION || target == null || !target.equalsIgnoreCase(context.event())) {
			// The .NET extension also insists that the event is the invocation's target.
			return UpstreamResponse.BAD_REQUEST;
		}
		String invocationId = invocation.invocationId();
		UpstreamHandlerMethod handler = find(context.hub(), target);
		if (handler == null) {
			observed(Outcome.NO_METHOD);
			if (logger.isDebugEnabled()) {
				logger.debug("No @SignalRMessage method for hub '" + printable(context.hub()) + "' and target '"
						+ printable(target) + "'");
			}
			return completion(protocol, invocationId, null, false, "Failed to invoke '" + target
					+ "' due to an error on the server. HubException: Method does not exist.");
		}
		Object[] args;
		try {
			args = handler.arguments(context, invocation.arguments(), this.json);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			observed(Outcome.INVALID_ARGUMENTS);
			return completion(protocol, invocationId, null, false, "Failed to invoke '" + target
					+ "' due to an error on the server. InvalidDataException: Error binding arguments.");
		}
		try {
			Object result = handler.call(args, this.invocationTimeout);
			return completion(protocol, invocationId, result, handler.hasResult(), null);
		}
		catch (SignalRHubException ex) {
			observed(Outcome.HUB_ERROR);
			return completion(protocol, invocationId, null, false, ex.getMessage());
		}
		catch (UpstreamHandlerMethod.StageTimeoutException ex) {
			observed(Outcome.TIMEOUT);
			logger.warn("Hub method '" + printable(target) + "' of hub '" + printable(context.hub())
					+ "' did not complete within " + this.invocationTimeout + " (azure.signalr.upstream.invocation-"
					+ "timeout) in " + handler + "; the client gets an error and the method's later result is ignored");
			return completion(protocol, invocationId, null, false,
					"Failed to invoke '" + target + "' due to an error on the server: the invocation did not complete "
							+ "in time.");
		}
		catch (Throwable ex) {
			observed(Outcome.ERROR);
			logger.error("Hub method '" + printable(target) + "' of hub '" + printable(context.hub())
					+ "' failed in " + handler, ex);
			return completion(protocol, invocationId, null, false,
					"An unexpected error occurred invoking '" + target + "' on the server.");
		}
	}

	private UpstreamResponse completion(UpstreamProtocol protocol, @Nullable String invocationId,
			@Nullable Object result, boolean hasResult, @Nullable String error) {
		if (invocationId == null) {
			return UpstreamResponse.OK;
		}
		// A non-void method's null is a result (JSON null, MessagePack nil), not a void completion.
		JsonNode value = (error != null || !hasResult) ? null
				: (result != null) ? this.json.valueToTree(result) : NullNode.getInstance();
		return new UpstreamResponse(200, protocol.completion(invocationId, value, error), protocol.contentType());
	}

	private UpstreamProtocol messagePackProtocol() {
		UpstreamProtocol protocol = this.messagePackProtocol;
		if (protocol == null) {
			protocol = new MessagePackUpstreamProtocol();
			this.messagePackProtocol = protocol;
		}
		return protocol;
	}

	private @Nullable UpstreamHandlerMethod find(String hub, String target) {
		UpstreamHandlerMethod forHub = this.messages.get(key(normalize(hub), target));
		return (forHub != null) ? forHub : this.messages.get(key("", target));
	}

	private @Nullable String disconnectError(byte[] body) {
		try {
			JsonNode message = this.json.readTree(JsonUpstreamProtocol.withoutSeparator(body));
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

	private static @Nullable Object annotation(Method method) {
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

	private static String key(String hub, @Nullable String target) {
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
