package io.github.springsignalr.autoconfigure.upstream;

import java.util.List;

import io.github.springsignalr.connectionstring.AuthType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.upstream.UpstreamAuthenticator;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Fails start-up when the application has upstream handler methods but no upstream request could ever be accepted:
 * every endpoint uses Microsoft Entra ID, so no access key of the application's signs {@code X-ASRS-Signature} (the
 * service does not document signing with temporary keys), and bearer tokens are not checked. With some endpoints of
 * each kind it warns instead, since events of the Microsoft Entra endpoints alone are refused.
 * <p>
 * Runs once the handler methods are registered: declared after {@code UpstreamHandlerMethodProcessor}.
 */
class UpstreamAuthenticationCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(UpstreamAuthenticationCheck.class);

	private final ServiceEndpointRegistry registry;

	private final UpstreamEventDispatcher dispatcher;

	private final UpstreamAuthenticator authenticator;

	UpstreamAuthenticationCheck(ServiceEndpointRegistry registry, UpstreamEventDispatcher dispatcher,
			UpstreamAuthenticator authenticator) {
		this.registry = registry;
		this.dispatcher = dispatcher;
		this.authenticator = authenticator;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.dispatcher.hasHandlers() || this.authenticator.acceptsBearerTokens()) {
			return;
		}
		List<ServiceEndpoint> endpoints = this.registry.endpoints();
		List<String> entra = endpoints.stream()
			.filter((endpoint) -> endpoint.connectionString().authType() != AuthType.ACCESS_KEY)
			.map((endpoint) -> endpoint.id() + " (AuthType=" + endpoint.connectionString().authType() + ")")
			.toList();
		if (entra.isEmpty()) {
			return;
		}
		if (entra.size() < endpoints.size()) {
			logger.warn("Upstream events of the Microsoft Entra endpoints " + entra + " will be refused: only "
					+ "signatures of access keys are checked. Set " + UpstreamEntraConfiguration.AUDIENCE
					+ " to accept the bearer token of the service's managed identity.");
			return;
		}
		throw new UpstreamAuthenticationException("No upstream request can be authenticated: every endpoint uses "
				+ "Microsoft Entra ID " + entra + ", so no access key of this application signs X-ASRS-Signature, "
				+ "and bearer tokens are not checked.",
				"Have the service authenticate its upstream requests with its managed identity (upstream settings "
						+ "\"auth\": {\"type\": \"ManagedIdentity\", \"managedIdentity\": {\"resource\": …}}) and set "
						+ UpstreamEntraConfiguration.AUDIENCE + " to that resource, with "
						+ UpstreamEntraConfiguration.TENANT_ID + " when the connection strings name no TenantId "
						+ "(com.nimbusds:nimbus-jose-jwt must be on the class path); or declare an endpoint with an "
						+ "AccessKey; or set azure.signalr.upstream.enabled=false.");
	}

}
