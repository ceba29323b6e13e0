package io.github.springsignalr.emulator.keyvault;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

/**
 * The vault's secrets API: {@code /secrets} (list), {@code /secrets/{name}} (get latest, set, delete),
 * {@code /secrets/{name}/versions} (list versions), {@code /secrets/{name}/{version}} (get, update), and
 * {@code /deletedsecrets/{name}} (get, purge). Every request needs a bearer token and an {@code api-version}.
 * <p>
 * Only the method, path and status are logged: names and versions are not secret, values and bodies are.
 */
final class SecretRoutes implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private static final Logger logger = LoggerFactory.getLogger(SecretRoutes.class);

	private static final int MAX_PAGE_SIZE = 25;

	private static final byte[] NO_BODY = new byte[0];

	private final SecretStore store;

	private final ChallengeAuthentication authentication;

	/** Secret permissions taken away from every caller. */
	private final Set<String> denied = ConcurrentHashMap.newKeySet();

	/** Known once the server is bound (the port may be chosen then); ids and next links are built from it. */
	private volatile @Nullable SecretJson json;

	private volatile @Nullable String vaultUri;

	SecretRoutes(SecretStore store, ChallengeAuthentication authentication) {
		this.store = store;
		this.authentication = authentication;
	}

	void deny(String permission) {
		this.denied.add(permission.toLowerCase(Locale.ROOT));
	}

	void allowAll() {
		this.denied.clear();
	}

	private void require(String permission) {
		if (this.denied.contains(permission)) {
			throw VaultException.accessDenied(permission, URI.create(this.vaultUri).getHost());
		}
	}

	/**
	 * Sets the URI the vault is reached at, once bound. Until then requests are answered 503.
	 */
	void serveAt(URI vaultUri) {
		this.json = new SecretJson(vaultUri);
		this.vaultUri = vaultUri.toString();
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		HttpMethod method = request.method();
		QueryStringDecoder uri = new QueryStringDecoder(request.uri());
		if (this.json == null) {
			return response.status(503).send();
		}
		if (!this.authentication.isAuthenticated(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
			// Answered before the body is read: the SDK sends its first request without one to get this challenge.
			response.header(HttpHeaderNames.WWW_AUTHENTICATE, this.authentication.challenge());
			return send(method, uri.path(), response, error(VaultException.unauthorized()));
		}
		return request.receive()
			.aggregate()
			.asByteArray()
			.defaultIfEmpty(NO_BODY)
			.map((body) -> route(method, uri, body))
			.onErrorResume(VaultException.class, (ex) -> Mono.just(error(ex)))
			.onErrorResume((ex) -> {
				logger.error("{} {} failed", method, uri.path(), ex);
				return Mono.just(new Answer(500, this.json.error(VaultException.internal())));
			})
			.flatMap((answer) -> Mono.from(send(method, uri.path(), response, answer)));
	}

	private Answer route(HttpMethod method, QueryStringDecoder uri, byte[] body) {
		String apiVersion = parameter(uri, "api-version");
		if (apiVersion == null || apiVersion.isBlank()) {
			throw VaultException.badParameter("The api-version query parameter is required.");
		}
		List<String> segments = Arrays.asList(uri.path().substring(1).split("/", -1));
		String collection = segments.get(0);
		if (collection.equals("secrets")) {
			return secrets(method, segments, uri, apiVersion, body);
		}
		if (collection.equals("deletedsecrets") && segments.size() == 2 && !segments.get(1).isEmpty()) {
			return deletedSecret(method, segments.get(1));
		}
		throw VaultException.notFound(uri.path());
	}

	private Answer secrets(HttpMethod method, List<String> segments, QueryStringDecoder uri, String apiVersion,
			byte[] body) {
		if (segments.size() == 1 || (segments.size() == 2 && segments.get(1).isEmpty())) {
			expect(method, HttpMethod.GET);
			require("list");
			return page(this.store.latestVersions(), false, "secrets", uri, apiVersion);
		}
		String name = segments.get(1);
		if (segments.size() == 2 || (segments.size() == 3 && segments.get(2).isEmpty())) {
			if (method.equals(HttpMethod.PUT)) {
				require("set");
				return set(name, body);
			}
			if (method.equals(HttpMethod.DELETE) && segments.size() == 2) {
				require("delete");
				return delete(name);
			}
			return getOrUpdate(method, name, null, body);
		}
		if (segments.size() == 3 && segments.get(2).equals("versions")) {
			expect(method, HttpMethod.GET);
			require("list");
			// Key Vault documents no order; the real one answers by version id, not in the order versions were set.
			List<SecretVersion> versions = this.store.versions(name)
				.stream()
				.sorted(Comparator.comparing(SecretVersion::version))
				.toList();
			return page(versions, true, "secrets/" + name + "/versions", uri, apiVersion);
		}
		if (segments.size() == 3) {
			return getOrUpdate(method, name, segments.get(2), body);
		}
		throw VaultException.notFound(uri.path());
	}

	private Answer get(String name, @Nullable String version) {
		SecretVersion secret = this.store.get(name, version)
			.orElseThrow(() -> VaultException.secretNotFound(name, version));
		if (!secret.enabled()) {
			throw VaultException.disabled("get");
		}
		return ok(this.json.bundle(secret));
	}

	private Answer set(String name, byte[] body) {
		if (!SecretStore.isValidName(name)) {
			throw VaultException.badParameter("The request URI contains an invalid name: " + name);
		}
		SecretJson.SetSecretRequest request = this.json.readSetRequest(body);
		try {
			return ok(this.json.bundle(this.store.set(name, request.value(), request.attributes())));
		}
		catch (IllegalStateException ex) {
			throw VaultException.deletedButRecoverable(name);
		}
	}

	// A secret's version, the latest when version is null: PATCH updates its attributes, GET reads it.
	private Answer getOrUpdate(HttpMethod method, String name, @Nullable String version, byte[] body) {
		if (method.equals(HttpMethod.PATCH)) {
			require("set");
			return update(name, version, body);
		}
		expect(method, HttpMethod.GET);
		require("get");
		return get(name, version);
	}

	private Answer update(String name, @Nullable String version, byte[] body) {
		SecretAttributes changes = this.json.readUpdateRequest(body);
		SecretVersion updated = this.store.update(name, version, changes)
			.orElseThrow(() -> VaultException.secretNotFound(name, version));
		// An update answers the version's properties without its value, as the vault does.
		return ok(this.json.properties(updated));
	}

	private Answer delete(String name) {
		DeletedSecret deleted = this.store.delete(name).orElseThrow(() -> VaultException.secretNotFound(name, null));
		return ok(this.json.deletedBundle(deleted));
	}

	private Answer deletedSecret(HttpMethod method, String name) {
		if (method.equals(HttpMethod.DELETE)) {
			require("purge");
			if (!this.store.purge(name)) {
				throw VaultException.deletedSecretNotFound(name);
			}
			return new Answer(204, null);
		}
		expect(method, HttpMethod.GET);
		DeletedSecret deleted = this.store.deleted(name).orElseThrow(() -> VaultException.deletedSecretNotFound(name));
		return ok(this.json.deletedBundle(deleted));
	}

	/**
	 * One page of a listing, {@code maxresults} long (at most 25, as the vault allows), with a {@code nextLink} that
	 * carries the {@code api-version}: the SDK follows it as is.
	 */
	private Answer page(List<SecretVersion> all, boolean versioned, @Nullable String path, QueryStringDecoder uri,
			String apiVersion) {
		int size = integer(uri, "maxresults", MAX_PAGE_SIZE);
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw VaultException.badParameter("maxresults must be between 1 and " + MAX_PAGE_SIZE + ".");
		}
		int skip = Math.max(0, integer(uri, "$skiptoken", 0));
		int end = Math.min(all.size(), skip + size);
		String nextLink = (end < all.size()) ? this.vaultUri + path + "?api-version="
				+ URLEncoder.encode(apiVersion, StandardCharsets.UTF_8) + "&$skiptoken="
				+ end + "&maxresults=" + size : null;
		return ok(this.json.page(all.subList(Math.min(skip, end), end), versioned, nextLink));
	}

	private static void expect(HttpMethod method, HttpMethod expected) {
		if (!method.equals(expected)) {
			throw VaultException.methodNotAllowed(method.name());
		}
	}

	private static @Nullable String parameter(QueryStringDecoder uri, String name) {
		List<String> values = uri.parameters().get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	private static int integer(QueryStringDecoder uri, String name, int defaultValue) {
		String value = parameter(uri, name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw VaultException.badParameter("The query parameter " + name + " must be a number.");
		}
	}

	private Answer ok(byte[] body) {
		return new Answer(200, body);
	}

	private Answer error(VaultException ex) {
		return new Answer(ex.status(), this.json.error(ex));
	}

	private static Publisher<Void> send(HttpMethod method, String path, HttpServerResponse response, Answer answer) {
		logger.debug("{} {} -> {}", method, path, answer.status());
		response.status(answer.status());
		if (answer.body() == null) {
			return response.send();
		}
		return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
			.sendByteArray(Mono.just(answer.body()));
	}

	/**
	 * A status and a JSON body, or no body.
	 */
	private record Answer(int status, byte @Nullable [] body) {

	}

}
