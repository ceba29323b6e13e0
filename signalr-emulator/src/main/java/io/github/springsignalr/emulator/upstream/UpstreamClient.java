package io.github.springsignalr.emulator.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.springsignalr.emulator.auth.AccessKeys;
import io.github.springsignalr.emulator.hub.HubMessages;
import io.github.springsignalr.emulator.hub.MessagePackMessages;

/**
 * POSTs serverless events to the upstream: {@code connections}/{@code connected} with {@code {"type":10}},
 * {@code connections}/{@code disconnected} with {@code {"Type":11,"Error":…}} (JSON whatever the client's protocol,
 * as the Learn page on upstream endpoints and Microsoft's emulator have it), and {@code messages}/{@code <target>}
 * with the client's invocation: the JSON record as the client framed it ({@code application/json}), or the
 * MessagePack message without its length ({@code application/x-msgpack}). There is no upstream when no template is
 * set; events are then dropped, as the service drops them.
 * <p>
 * Failures are logged with the URL's path only: its query may hold a function key.
 */
public final class UpstreamClient {

	static final String CONNECTIONS = "connections";

	static final String MESSAGES = "messages";

	static final String JSON = "application/json";

	static final String MESSAGEPACK = "application/x-msgpack";

	private static final Logger logger = LoggerFactory.getLogger(UpstreamClient.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(100);

	private final UpstreamTemplate template;

	private final Supplier<AccessKeys> keys;

	private final Supplier<String> bearerToken;

	private final HttpClient httpClient;

	/**
	 * @param template where to send events, or {@code null} for no upstream
	 * @param keys the current access keys, read at each call
	 */
	public UpstreamClient(UpstreamTemplate template, Supplier<AccessKeys> keys) {
		this(template, keys, () -> null);
	}

	/**
	 * @param template where to send events, or {@code null} for no upstream
	 * @param keys the current access keys, read at each call
	 * @param bearerToken the token sent as {@code Authorization: Bearer}, asked for at each call ({@code null} for
	 * none), as the service sends its managed identity's token when its upstream settings say so
	 */
	public UpstreamClient(UpstreamTemplate template, Supplier<AccessKeys> keys, Supplier<String> bearerToken) {
		this.template = template;
		this.keys = keys;
		this.bearerToken = (bearerToken != null) ? bearerToken : () -> null;
		this.httpClient = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
	}

	public boolean isEnabled() {
		return this.template != null;
	}

	public CompletableFuture<Void> connected(UpstreamContext context) {
		return post(context, CONNECTIONS, "connected", JSON, utf8("{\"type\":10}")).thenAccept((response) -> {
		});
	}

	/**
	 * @param error why the connection ended, or {@code null} for a normal close
	 */
	public CompletableFuture<Void> disconnected(UpstreamContext context, String error) {
		String body = (error != null)
				? "{\"Type\":11,\"Error\":" + HubMessages.json().writeValueAsString(error) + "}" : "{\"Type\":11}";
		return post(context, CONNECTIONS, "disconnected", JSON, utf8(body)).thenAccept((response) -> {
		});
	}

	/**
	 * Sends a client's invocation of {@code target} and turns the answer into what the client gets back, as
	 * Microsoft's emulator does: the upstream's body as it is, byte for byte, for a 200 with a body (it must be whole
	 * messages of the client's protocol, framing included); an empty completion for a 200 without a body or a 204;
	 * a completion with an error otherwise. Nothing goes back for an invocation without an id.
	 * @param message the invocation as the upstream gets it
	 * @param messagePack whether the client speaks MessagePack (else JSON)
	 * @return the bytes to send to the client, in its protocol, or {@code null} for none
	 */
	public CompletableFuture<byte[]> invoke(UpstreamContext context, String target, @Nullable String invocationId,
			byte @Nullable [] message, boolean messagePack) {
		String contentType = messagePack ? MESSAGEPACK : JSON;
		return post(context, MESSAGES, target, contentType, message).handle((response, failure) -> {
			if (invocationId == null) {
				return null;
			}
			if (failure != null) {
				return encode(HubMessages.completion(invocationId, "Invocation failed, error: " + describe(failure)
						+ "."), messagePack);
			}
			int status = response.statusCode();
			byte[] body = response.body();
			if (status == 200 && body.length > 0) {
				// Passed on as it is, as Microsoft's emulator writes it to the client's transport: an answer
				// without its record separator (or VarInt length) never completes the client's invocation.
				return body;
			}
			if (status == 200 || status == 204) {
				return encode(HubMessages.completion(invocationId, null), messagePack);
			}
			return encode(HubMessages.completion(invocationId, "Invocation failed, status code " + status),
					messagePack);
		});
	}

	private static byte[] encode(String records, boolean messagePack) {
		return messagePack ? MessagePackMessages.fromJson(records) : records.getBytes(StandardCharsets.UTF_8);
	}

	private CompletableFuture<HttpResponse<byte[]>> post(UpstreamContext context, String category, String event,
			String contentType, byte @Nullable [] body) {
		if (this.template == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("No upstream is configured"));
		}
		URI uri = this.template.expand(context.hub(), category, event);
		AccessKeys keys = this.keys.get();
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", contentType)
			.header("X-ASRS-Connection-Id", context.connectionId())
			.header("X-ASRS-Hub", context.hub())
			.header("X-ASRS-Category", category)
			.header("X-ASRS-Event", event)
			.header("X-ASRS-Signature",
					UpstreamSignature.header(context.connectionId(), List.of(keys.primary(), keys.secondary())))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		String token = this.bearerToken.get();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (context.userId() != null && !context.userId().isEmpty()) {
			request.header("X-ASRS-User-Id", context.userId());
		}
		if (!context.clientQuery().isEmpty()) {
			request.header("X-ASRS-Client-Query", context.clientQuery());
		}
		if (!context.userClaims().isEmpty()) {
			request.header("X-ASRS-User-Claims", context.userClaims());
		}
		String operation = context.hub() + "/" + category + "/" + event;
		return this.httpClient.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
			.whenComplete((response, failure) -> {
				if (failure != null) {
					logger.warn("Upstream call {} to {} failed: {}", operation, pathOf(uri), describe(failure));
				}
				else if (response.statusCode() != 200 && response.statusCode() != 204) {
					logger.warn("Upstream call {} to {} answered {}", operation, pathOf(uri), response.statusCode());
				}
				else {
					logger.debug("Upstream call {} answered {}", operation, response.statusCode());
				}
			});
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * What went wrong, without the stack: the JDK client's exceptions name neither the URL's query nor the headers.
	 */
	private static String describe(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return (cause.getMessage() != null) ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
				: cause.getClass().getSimpleName();
	}

	private static String pathOf(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
	}

	@Override
	public String toString() {
		return "UpstreamClient[" + ((this.template != null) ? this.template : "none") + "]";
	}

}
