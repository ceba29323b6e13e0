package io.github.springsignalr.endpoint;

/**
 * Two endpoints that cannot both be in the registry: the same name and type, or the same service with the same type.
 */
public class DuplicateServiceEndpointException extends IllegalStateException {

	private final ServiceEndpoint first;

	private final ServiceEndpoint second;

	public DuplicateServiceEndpointException(ServiceEndpoint first, ServiceEndpoint second, String message) {
		super("Duplicate Azure SignalR endpoint: " + message);
		this.first = first;
		this.second = second;
	}

	public ServiceEndpoint getFirst() {
		return this.first;
	}

	public ServiceEndpoint getSecond() {
		return this.second;
	}

}
