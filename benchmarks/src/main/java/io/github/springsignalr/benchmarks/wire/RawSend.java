package io.github.springsignalr.benchmarks.wire;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.token.SignalRTokenService;

/**
 * The send {@code SignalRTemplate.sendToAll("chat", "newMessage", "hello")} makes, written by hand with the JDK's
 * {@link HttpClient}: {@code POST {endpoint}/api/hubs/chat/:send?api-version=2022-06-01}, {@code Authorization:
 * Bearer} with a token signed for that URL per call, {@code Content-Type: application/json},
 * {@code Accept-Encoding: gzip} and {@code Accept-Encoding: deflate} (two lines, as Spring's
 * {@code JdkClientHttpRequestFactory} adds them to the template's: the emulator answers 202 without a body either
 * way) and the body as fixed bytes, with its {@code Content-Length}; as HTTP/1.1, without asking for an h2c upgrade,
 * as the starter's request factory sends a cleartext request. The floor for a send: what any client must do, with nothing of the template's (no registry, router, retry
 * rules, message converters or result).
 * <p>
 * The token comes from the application's {@link SignalRTokenService}, the one the template signs with: both spend
 * the same ~1 µs on it, so a difference is the template's and not the signer's, and both tokens name the same server
 * ({@code nameid}, random per token service). Every part can be replaced, so that a test can show
 * that a request differing in any of them fails {@link SendEquivalence}.
 *
 * @param client the HTTP client, built as the starter builds its own: a connect timeout, no redirects
 * @param uri where the request goes
 * @param token a token per call
 * @param contentType the {@code Content-Type}, or {@code null} for none
 * @param body the JSON body
 */
record RawSend(HttpClient client, URI uri, Supplier<String> token, String contentType, byte[] body) {

	static final String HUB = "chat";

	static final String TARGET = "newMessage";

	static final String ARGUMENT = "hello";

	static final String PATH_AND_QUERY = "/api/hubs/" + HUB + "/:send?api-version=2022-06-01";

	static final byte[] BODY = ("{\"target\":\"" + TARGET + "\",\"arguments\":[\"" + ARGUMENT + "\"]}")
		.getBytes(StandardCharsets.UTF_8);

	/** The starter's {@code azure.signalr.rest.read-timeout}, which its client sets on every request. */
	private static final Duration TIMEOUT = Duration.ofSeconds(100);

	/**
	 * The send to the endpoint of a connection string ({@code http://localhost} with a port), signed with its key by
	 * {@code tokens}.
	 */
	static RawSend to(String connectionString, SignalRTokenService tokens) {
		ServiceEndpoint endpoint = ServiceEndpoint.of("raw", EndpointType.PRIMARY, connectionString);
		URI server = endpoint.connectionString().effectiveServerEndpoint();
		String audience = endpoint.connectionString().audienceBase() + PATH_AND_QUERY;
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		return new RawSend(client, URI.create(withoutTrailingSlash(server.toString()) + PATH_AND_QUERY),
				() -> tokens.restToken(endpoint, audience), "application/json", BODY);
	}

	/**
	 * Sends once and answers the status.
	 */
	int send() throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.uri)
			.version(HttpClient.Version.HTTP_1_1)
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + this.token.get())
			.header("Accept-Encoding", "gzip")
			.header("Accept-Encoding", "deflate")
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.body));
		if (this.contentType != null) {
			request.header("Content-Type", this.contentType);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	RawSend withUri(URI uri) {
		return new RawSend(this.client, uri, this.token, this.contentType, this.body);
	}

	RawSend withToken(Supplier<String> token) {
		return new RawSend(this.client, this.uri, token, this.contentType, this.body);
	}

	RawSend withContentType(String contentType) {
		return new RawSend(this.client, this.uri, this.token, contentType, this.body);
	}

	RawSend withBody(byte[] body) {
		return new RawSend(this.client, this.uri, this.token, this.contentType, body);
	}

	private static String withoutTrailingSlash(String uri) {
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

}
