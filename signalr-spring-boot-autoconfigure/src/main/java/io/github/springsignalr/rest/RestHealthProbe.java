package io.github.springsignalr.rest;

import io.github.springsignalr.endpoint.internal.EndpointHealthProbe;
import io.github.springsignalr.endpoint.ServiceEndpoint;

import org.springframework.web.client.RestClient;

/**
 * Probes an endpoint through the service's health API: {@code HEAD <ServerEndpoint>/api/health?api-version=2022-06-01},
 * which needs no token; a 2xx answer is healthy.
 */
public class RestHealthProbe implements EndpointHealthProbe {

	private final RestClient restClient;

	/**
	 * @param restClient a client whose timeouts are shorter than the health-check interval
	 */
	public RestHealthProbe(RestClient restClient) {
		this.restClient = restClient;
	}

	@Override
	public boolean isHealthy(ServiceEndpoint endpoint) {
		String base = endpoint.connectionString().effectiveServerEndpoint().toString();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return this.restClient.head()
			.uri(base + "/api/health?api-version=" + HubRequest.API_VERSION)
			.exchange((request, response) -> response.getStatusCode().is2xxSuccessful());
	}

}
