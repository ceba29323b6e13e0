package io.github.springsignalr.autoconfigure.rest;

import io.github.springsignalr.rest.SignalRTemplate;

import org.springframework.web.client.RestClient;

/**
 * Customizes the {@link RestClient.Builder} of the client that {@link SignalRTemplate} calls the service's REST API
 * with, after its timeouts and redirect policy are set from {@code azure.signalr.rest.*}: to go through a proxy, add
 * an interceptor or use another HTTP library. Beans of this type are applied in their {@code @Order}.
 * <p>
 * The client is the starter's own, not the application's shared {@code RestClient.Builder}: what is added here sees
 * every call's {@code Authorization} header, which carries a bearer token good for the whole hub.
 */
@FunctionalInterface
public interface SignalRRestClientCustomizer {

	/**
	 * Customizes the builder of the REST API's client.
	 */
	void customize(RestClient.Builder builder);

}
