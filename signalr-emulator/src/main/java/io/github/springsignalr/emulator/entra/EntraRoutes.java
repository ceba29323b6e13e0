package io.github.springsignalr.emulator.entra;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import io.github.springsignalr.emulator.http.Exchange;

/**
 * What MSAL and azure-identity's {@code ClientSecretCredential} ask of Microsoft Entra ID:
 * <ul>
 * <li>{@code POST /{tenant}/oauth2/v2.0/token}: the client-credentials grant, client secret in the form
 * ({@code client_secret_post}) or in {@code Authorization: Basic};</li>
 * <li>{@code GET /{tenant}/v2.0/.well-known/openid-configuration} and {@code GET
 * /{tenant}/.well-known/openid-configuration}: the OpenID Connect metadata of v2.0 and of v1.0 tokens;</li>
 * <li>{@code GET /{tenant}/discovery/v2.0/keys} and {@code GET /{tenant}/discovery/keys}: the signing key;</li>
 * <li>{@code GET /common/discovery/instance}: instance discovery, naming this host as its own only alias.</li>
 * </ul>
 */
final class EntraRoutes implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private static final Logger logger = LoggerFactory.getLogger(EntraRoutes.class);

	private static final String DEFAULT_SCOPE_SUFFIX = "/.default";

	/** Scopes MSAL adds to every request, which a client-credentials grant ignores. */
	private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access");

	private static final String BASIC = "basic ";

	private final AppRegistrations applications;

	private final EntraTokens tokens;

	private volatile @Nullable String authority;

	EntraRoutes(AppRegistrations applications, EntraTokens tokens) {
		this.applications = applications;
		this.tokens = tokens;
	}

	/**
	 * Sets where the emulator is served, {@code https://localhost:{port}} without a trailing slash.
	 */
	void serveAt(String authority) {
		this.authority = authority;
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		return Exchange.answer(request, response, logger, this::route,
				(exchange, ex) -> exchange.json(500, Map.of("error", "server_error", "error_description",
						"AADSTS90100: The emulator failed: " + ex.getClass().getSimpleName())));
	}

	private Publisher<Void> route(Exchange exchange) {
		List<String> segments = segments(exchange.uri().path());
		if (segments.size() == 4 && segments.get(1).equals("oauth2") && segments.get(2).equals("v2.0")
				&& segments.get(3).equals("token")) {
			return HttpMethod.POST.equals(exchange.method()) ? token(exchange, segments.get(0))
					: exchange.json(405, Map.of("error", "invalid_request", "error_description",
							"AADSTS900561: The endpoint only accepts POST requests."));
		}
		if (!HttpMethod.GET.equals(exchange.method())) {
			return notFound(exchange);
		}
		if (segments.equals(List.of("common", "discovery", "instance"))) {
			return instanceDiscovery(exchange);
		}
		if (segments.size() == 4 && segments.subList(1, 4).equals(List.of("v2.0", ".well-known",
				"openid-configuration"))) {
			return openIdConfiguration(exchange, segments.get(0), true);
		}
		if (segments.size() == 3 && segments.subList(1, 3).equals(List.of(".well-known", "openid-configuration"))) {
			return openIdConfiguration(exchange, segments.get(0), false);
		}
		if ((segments.size() == 4 && segments.subList(1, 4).equals(List.of("discovery", "v2.0", "keys")))
				|| (segments.size() == 3 && segments.subList(1, 3).equals(List.of("discovery", "keys")))) {
			return exchange.json(200, this.tokens.publicKeys().toJSONObject());
		}
		return notFound(exchange);
	}

	private Publisher<Void> token(Exchange exchange, String tenantId) {
		String authorization = exchange.header(HttpHeaderNames.AUTHORIZATION);
		return exchange.request()
			.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.flatMap((body) -> Mono.from(token(exchange, tenantId, form(body), authorization)));
	}

	private Publisher<Void> token(Exchange exchange, String tenantId, Map<String, String> form,
			String authorization) {
		Map<String, String> basic = basicCredentials(authorization);
		String clientId = form.getOrDefault("client_id", basic.get("client_id"));
		String clientSecret = form.getOrDefault("client_secret", basic.get("client_secret"));
		EntraError error = null;
		AppRegistration application = null;
		String audience = null;
		String grantType = form.get("grant_type");
		if (grantType == null) {
			error = EntraError.missingParameter("grant_type");
		}
		else if (!grantType.equals("client_credentials")) {
			error = EntraError.unsupportedGrantType(grantType);
		}
		else if (!this.applications.hasTenant(tenantId)) {
			error = EntraError.tenantNotFound(tenantId);
		}
		else if (clientId == null) {
			error = EntraError.missingParameter("client_id");
		}
		else if ((application = this.applications.find(tenantId, clientId)) == null) {
			error = EntraError.applicationNotFound(clientId, tenantId);
		}
		else if (clientSecret == null) {
			error = EntraError.missingSecret();
		}
		else if (!application.hasSecret(clientSecret)) {
			error = EntraError.invalidSecret(clientId);
		}
		else if (form.get("scope") == null) {
			error = EntraError.missingParameter("scope");
		}
		else if ((audience = audience(form.get("scope"))) == null) {
			error = EntraError.invalidScope(form.get("scope"));
		}
		if (error != null) {
			logger.debug("Token request for client {} in tenant {} refused: {}", clientId, tenantId, error.message());
			return exchange.json(error.status(), error.body(this.authority));
		}
		String token = this.tokens.issue(application, audience);
		logger.debug("Issued a token for {} to client {} in tenant {}", audience, clientId, tenantId);
		long expiresIn = this.tokens.lifetime().toSeconds();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("token_type", "Bearer");
		answer.put("expires_in", expiresIn);
		answer.put("ext_expires_in", expiresIn);
		answer.put("access_token", token);
		exchange.response().header(HttpHeaderNames.CACHE_CONTROL, "no-store, no-cache");
		return exchange.json(200, answer);
	}

	/**
	 * The resource a client-credentials scope names: the one {@code {resource}/.default} scope, besides the OpenID
	 * Connect scopes MSAL adds; {@code null} if there is not exactly one.
	 */
	private static @Nullable String audience(String scope) {
		List<String> resources = new ArrayList<>();
		for (String value : scope.trim().split("\\s+")) {
			if (!OIDC_SCOPES.contains(value)) {
				resources.add(value);
			}
		}
		if (resources.size() != 1 || !resources.get(0).endsWith(DEFAULT_SCOPE_SUFFIX)) {
			return null;
		}
		String resource = resources.get(0);
		String audience = resource.substring(0, resource.length() - DEFAULT_SCOPE_SUFFIX.length());
		return audience.isEmpty() ? null : audience;
	}

	/**
	 * The OpenID Connect metadata of a tenant, of the v2.0 endpoint ({@code /{tenant}/v2.0/.well-known/…}) or of the
	 * v1.0 one ({@code /{tenant}/.well-known/…}), each naming the issuer of its tokens and where its keys are.
	 */
	private Publisher<Void> openIdConfiguration(Exchange exchange, String tenantId, boolean version2) {
		if (!this.applications.hasTenant(tenantId)) {
			EntraError error = EntraError.tenantNotFound(tenantId);
			return exchange.json(error.status(), error.body(this.authority));
		}
		String base = this.authority + "/" + tenantId;
		String oauth = version2 ? base + "/oauth2/v2.0" : base + "/oauth2";
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("token_endpoint", oauth + "/token");
		metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
		metadata.put("jwks_uri", version2 ? base + "/discovery/v2.0/keys" : base + "/discovery/keys");
		metadata.put("response_modes_supported", List.of("query", "fragment", "form_post"));
		metadata.put("subject_types_supported", List.of("pairwise"));
		metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
		metadata.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
		metadata.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
		metadata.put("issuer", version2 ? this.tokens.issuer(tenantId) : this.tokens.version1Issuer(tenantId));
		metadata.put("request_uri_parameter_supported", false);
		metadata.put("authorization_endpoint", oauth + "/authorize");
		metadata.put("device_authorization_endpoint", oauth + "/devicecode");
		metadata.put("end_session_endpoint", oauth + "/logout");
		metadata.put("tenant_region_scope", null);
		metadata.put("cloud_instance_name", "localhost");
		return exchange.json(200, metadata);
	}

	/**
	 * Instance discovery as MSAL asks for it: this host is its own only alias, so MSAL keeps talking to it.
	 */
	private Publisher<Void> instanceDiscovery(Exchange exchange) {
		String host = URI.create(this.authority).getAuthority();
		String endpoint = exchange.query("authorization_endpoint");
		List<String> path = (endpoint != null) ? segments(URI.create(endpoint).getPath()) : List.of();
		String tenantId = path.isEmpty() ? "common" : path.get(0);
		Map<String, Object> alias = new LinkedHashMap<>();
		alias.put("preferred_network", host);
		alias.put("preferred_cache", host);
		alias.put("aliases", List.of(host));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("tenant_discovery_endpoint",
				this.authority + "/" + tenantId + "/v2.0/.well-known/openid-configuration");
		answer.put("api-version", "1.1");
		answer.put("metadata", List.of(alias));
		return exchange.json(200, answer);
	}

	private Publisher<Void> notFound(Exchange exchange) {
		return exchange.json(404, Map.of("error", "invalid_request", "error_description",
				"AADSTS90027: This emulator has no endpoint at " + exchange.method() + " " + exchange.uri().path()));
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters()
			.forEach((name, values) -> form.put(name, values.get(0)));
		return form;
	}

	/**
	 * The client id and secret of {@code Authorization: Basic}, each form-encoded as RFC 6749 has it; empty if none.
	 */
	private static Map<String, String> basicCredentials(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return Map.of();
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				return Map.of();
			}
			return Map.of("client_id", URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
					"client_secret", URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return Map.of();
		}
	}

	private static List<String> segments(String path) {
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(segment);
			}
		}
		return segments;
	}

}
