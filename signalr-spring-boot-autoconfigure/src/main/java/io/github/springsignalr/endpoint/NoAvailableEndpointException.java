package io.github.springsignalr.endpoint;

import java.util.stream.Collectors;

/**
 * No endpoint can take a new client: every endpoint is offline, there is none, or the router chose none.
 */
public class NoAvailableEndpointException extends IllegalStateException {

	public NoAvailableEndpointException(String hub, EndpointSnapshot snapshot) {
		super(snapshot.isEmpty() ? "No Azure SignalR endpoint is configured for hub '" + hub + "'"
				: "No Azure SignalR endpoint is online for hub '" + hub + "'; offline: " + snapshot.endpoints()
					.stream()
					.map((endpoint) -> endpoint.id().toString())
					.collect(Collectors.joining(", ")));
	}

	/**
	 * @param message why no endpoint takes the client, for the log (negotiate answers a fixed text)
	 */
	public NoAvailableEndpointException(String message) {
		super(message);
	}

}
