package io.github.springsignalr.endpoint;

import java.util.List;

/**
 * Told what the starter does with each endpoint: tokens issued, negotiations, REST calls, failed key refreshes,
 * server connections of default mode. The hook that metrics plug into (the Micrometer meters are one
 * implementation), so that the library itself needs no metrics library.
 * <p>
 * Methods are called on the thread doing the work, {@link #tokenIssued} once per token: implementations must be quick,
 * never block and never throw. None is given a key, a token or a secret's value.
 */
public interface SignalRListener {

	/** Does nothing. */
	SignalRListener NONE = new SignalRListener() {
	};

	/**
	 * A token was signed with the endpoint's key.
	 */
	default void tokenIssued(EndpointId endpoint, TokenKind kind) {
	}

	/**
	 * A client's negotiation was answered, or failed.
	 * @param endpoint the endpoint picked, or {@code null} when none was online
	 */
	default void negotiated(EndpointId endpoint, NegotiationOutcome outcome) {
	}

	/**
	 * One REST call to one endpoint completed (each retry, after a 401 or a failure worth retrying, is another call).
	 * @param durationNanos how long it took, token included
	 */
	default void restCalled(EndpointId endpoint, RestCallOutcome outcome, long durationNanos) {
	}

	/**
	 * A REST call to one endpoint is about to be tried again after a failure worth retrying.
	 * @param outcome how the try before ended
	 */
	default void restRetried(EndpointId endpoint, RestCallOutcome outcome) {
	}

	/**
	 * Refreshing the endpoint's key from where it is followed (a Key Vault secret) failed; the last good key stays.
	 */
	default void keyRefreshFailed(EndpointId endpoint, KeyRefreshFailure reason) {
	}

	/**
	 * A server connection of default mode, for {@code hub} (lower-cased) to the endpoint, connected, was lost, or
	 * failed to connect.
	 */
	default void serverConnectionChanged(EndpointId endpoint, String hub, ServerConnectionEvent event) {
	}

	/**
	 * One listener telling all of {@code listeners}, in order; {@link #NONE} for none.
	 */
	static SignalRListener of(List<SignalRListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<SignalRListener> all = List.copyOf(listeners);
		return new SignalRListener() {

			@Override
			public void tokenIssued(EndpointId endpoint, TokenKind kind) {
				for (SignalRListener listener : all) {
					listener.tokenIssued(endpoint, kind);
				}
			}

			@Override
			public void negotiated(EndpointId endpoint, NegotiationOutcome outcome) {
				all.forEach((listener) -> listener.negotiated(endpoint, outcome));
			}

			@Override
			public void restCalled(EndpointId endpoint, RestCallOutcome outcome, long durationNanos) {
				all.forEach((listener) -> listener.restCalled(endpoint, outcome, durationNanos));
			}

			@Override
			public void restRetried(EndpointId endpoint, RestCallOutcome outcome) {
				all.forEach((listener) -> listener.restRetried(endpoint, outcome));
			}

			@Override
			public void keyRefreshFailed(EndpointId endpoint, KeyRefreshFailure reason) {
				all.forEach((listener) -> listener.keyRefreshFailed(endpoint, reason));
			}

			@Override
			public void serverConnectionChanged(EndpointId endpoint, String hub, ServerConnectionEvent event) {
				all.forEach((listener) -> listener.serverConnectionChanged(endpoint, hub, event));
			}

		};
	}

	/**
	 * What a token is for.
	 */
	enum TokenKind {

		/** A client access token, for negotiate. */
		CLIENT,

		/** A bearer token for the REST API. */
		REST,

		/** A token for a server connection of default mode. */
		SERVER

	}

	/**
	 * How a negotiation ended.
	 */
	enum NegotiationOutcome {

		/** The client was sent to an endpoint with a token. */
		SUCCESS,

		/** No endpoint was online. */
		NO_ENDPOINT,

		/** The endpoint picked could not issue the token: no key yet, or the claims made it too long. */
		ERROR

	}

	/**
	 * How a REST call to one endpoint ended.
	 */
	enum RestCallOutcome {

		/** 2xx. */
		SUCCESS,

		/** 404 saying the user, group or connection is not on this endpoint: an answer, not a failure. */
		NOT_FOUND,

		/** 401: the service refused the key. */
		UNAUTHORIZED,

		/** Any other 4xx. */
		CLIENT_ERROR,

		/** 5xx, or any other status. */
		SERVER_ERROR,

		/** No answer: connection refused, timeout, I/O error. */
		IO_ERROR,

		/** 429: the service throttled the call. */
		THROTTLED

	}

	/**
	 * Why a key refresh failed.
	 */
	enum KeyRefreshFailure {

		/** The source could not be read: vault unreachable, refused, throttled. */
		SOURCE_ERROR,

		/** A new value is not a valid connection string, or the registry refused it; it was not applied. */
		INVALID_VALUE,

		/** No version of the secret is valid now: the endpoint lost its key and is offline. */
		NO_VALID_VERSION

	}

	/**
	 * What happened to a server connection of default mode.
	 */
	enum ServerConnectionEvent {

		/** The first connection of its slot completed its handshake. */
		CONNECTED,

		/** A connection completed its handshake in place of one that was lost or failed before it. */
		RECONNECTED,

		/** A connected connection ended without the application stopping it: its clients were dropped. */
		DROPPED,

		/** A connection attempt failed (refused, no handshake in time, no key); it is tried again after a back-off. */
		FAILED

	}

}
