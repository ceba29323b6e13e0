package io.github.springsignalr.autoconfigure;

import java.util.List;

import io.github.springsignalr.endpoint.ServiceEndpoint;

/**
 * Adds, removes or replaces endpoints before the registry is made, as {@code options.Endpoints} does in the .NET
 * SDK. Customizers run in order, after the configured endpoints and the {@link ServiceEndpoint} beans are in the list.
 */
@FunctionalInterface
public interface ServiceEndpointsCustomizer {

	/**
	 * @param endpoints the endpoints so far, modifiable
	 */
	void customize(List<ServiceEndpoint> endpoints);

}
