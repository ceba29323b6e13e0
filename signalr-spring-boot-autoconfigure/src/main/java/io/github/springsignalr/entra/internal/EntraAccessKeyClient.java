package io.github.springsignalr.entra.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonToken;
import io.github.springsignalr.connectionstring.KnownSecrets;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.AccessKey;

/**
 * Gets an endpoint's temporary access key as the .NET SDK's {@code MicrosoftEntraAccessKey} does: {@code GET} on
 * {@code <ServerEndpoint or endpoint>/api/v1/auth/accessKey}, with no query and no body, its only header
 * {@code Authorization: Bearer <Microsoft Entra token for https://signalr.azure.com/.default>}; a 200 answer is
 * {@code {"KeyId": …, "AccessKey": …}}, both required. Tokens signed with the key (the UTF-8 bytes of
 * {@code AccessKey}) carry {@code KeyId} as {@code kid}. (The SDK once sent {@code ?serverId=…}, in its
 * {@code AadAccessKey}; it no longer does, and neither do we.)
 * <p>
 * Thread-safe.
 */
public class EntraAccessKeyClient {

	/** The path of the service's access-key API. */
	public static final String PATH = "/api/v1/auth/accessKey";

	/** How long .NET waits for the answer. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(100);

	private final EntraTokens tokens;

	private final Supplier<HttpClient> httpClient;

	private final Duration timeout;

	/**
	 * @param tokens the Entra tokens to ask with
	 * @param httpClient the client to reach the service with
	 * @param timeout how long to wait for each answer
	 */
	public EntraAccessKeyClient(EntraTokens tokens, HttpClient httpClient, Duration timeout) {
		this(tokens, () -> httpClient, timeout);
	}

	private EntraAccessKeyClient(EntraTokens tokens, Supplier<HttpClient> httpClient, Duration timeout) {
		this.tokens = tokens;
		this.httpClient = httpClient;
		this.timeout = timeout;
	}

	/**
	 * A client whose {@code HttpClient} is asked for at each fetch: with a memoizing supplier, made at the first
	 * fetch rather than while the application starts (a thread, and the JDK's TLS for its default context), and never
	 * where no endpoint uses Microsoft Entra ID.
	 * @param tokens the Entra tokens to ask with
	 * @param httpClient the client to reach the service with
	 * @param timeout how long to wait for each answer
	 */
	public static EntraAccessKeyClient withHttpClientOnFirstUse(EntraTokens tokens, Supplier<HttpClient> httpClient,
			Duration timeout) {
		return new EntraAccessKeyClient(tokens, httpClient, timeout);
	}

	/**
	 * A new temporary access key for the endpoint.
	 * @throws EntraAuthenticationException when no Entra token or no key is to be had; the message says why
	 */
	public AccessKey fetch(ServiceEndpoint endpoint) {
		String token = this.tokens.token(endpoint);
		URI uri = uri(endpoint);
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
		HttpResponse<String> response;
		try {
			response = this.httpClient.get().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw failure(endpoint, uri, "no answer (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure(endpoint, uri, "interrupted");
		}
		int status = response.statusCode();
		if (status == 401 || status == 403) {
			String reason = (status == 403)
					? "the identity needs the role \"SignalR App Server\" (or \"SignalR Service Owner\") there"
					: "it does not accept the Microsoft Entra token (another tenant or audience?)";
			throw failure(endpoint, uri, "the service answered " + status + ": " + reason);
		}
		if (status != 200) {
			throw failure(endpoint, uri, "the service answered " + status);
		}
		return parse(endpoint, uri, response.body());
	}

	/**
	 * {@code <ServerEndpoint or endpoint>/api/v1/auth/accessKey}, its own port and path kept, as .NET appends the path.
	 */
	public static URI uri(ServiceEndpoint endpoint) {
		String base = endpoint.connectionString().effectiveServerEndpoint().toString();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return URI.create(base + PATH);
	}

	private static AccessKey parse(ServiceEndpoint endpoint, URI uri, String body) {
		String keyId = null;
		String key = null;
		try (JsonReader reader = JsonProviders.createReader(body)) {
			if (reader.nextToken() != JsonToken.START_OBJECT) {
				throw failure(endpoint, uri, "the answer is not a JSON object");
			}
			while (reader.nextToken() != JsonToken.END_OBJECT) {
				String name = reader.getFieldName();
				reader.nextToken();
				if ("KeyId".equalsIgnoreCase(name)) {
					keyId = reader.getString();
				}
				else if ("AccessKey".equalsIgnoreCase(name)) {
					key = reader.getString();
				}
				else {
					reader.skipChildren();
				}
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The parser's message may quote the body, which holds the key: only the class.
			throw failure(endpoint, uri, "the answer is not valid JSON (" + ex.getClass().getSimpleName() + ")");
		}
		if (keyId == null || keyId.isEmpty()) {
			throw failure(endpoint, uri, "the answer has no KeyId");
		}
		if (key == null || key.isEmpty()) {
			throw failure(endpoint, uri, "the answer has no AccessKey");
		}
		KnownSecrets.register(key);
		return new AccessKey(keyId, key);
	}

	private static EntraAuthenticationException failure(ServiceEndpoint endpoint, URI uri, String reason) {
		return new EntraAuthenticationException("Could not get a temporary access key for "
				+ EntraTokens.describe(endpoint) + " from GET " + uri + ": " + reason, null);
	}

}
