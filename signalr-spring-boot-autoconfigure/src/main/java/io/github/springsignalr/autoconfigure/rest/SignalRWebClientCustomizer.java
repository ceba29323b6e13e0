package io.github.springsignalr.autoconfigure.rest;

import io.github.springsignalr.rest.ReactiveSignalRTemplate;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Customizes the {@link WebClient.Builder} of the client that {@link ReactiveSignalRTemplate} calls the service's
 * REST API with, after its timeouts and redirect policy are set from {@code azure.signalr.rest.*}, as
 * {@link SignalRRestClientCustomizer} does for {@code SignalRTemplate}. Beans of this type are applied in their
 * {@code @Order}.
 * <p>
 * The client is the starter's own, not the application's shared {@code WebClient.Builder}: what is added here sees
 * every call's {@code Authorization} header, which carries a bearer token good for the whole hub.
 */
@FunctionalInterface
public interface SignalRWebClientCustomizer {

	/**
	 * Customizes the builder of the REST API's reactive client.
	 */
	void customize(WebClient.Builder builder);

}
