package io.github.springsignalr.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * REST calls to an emulator with the JDK's client, each signed with a token for its own URL.
 */
public final class RestCalls {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final SignalREmulator emulator;

	public RestCalls(SignalREmulator emulator) {
		this.emulator = emulator;
	}

	/**
	 * Sends {@code method} to {@code pathAndQuery} with a token signed by the primary key for the request's URL as
	 * the .NET SDK writes it ({@code http://localhost{path}?{query}}, no port).
	 */
	public HttpResponse<String> call(String method, String pathAndQuery, String body) {
		String token = Tokens.rest(this.emulator.accessKey(KeyType.PRIMARY), "http://localhost" + pathAndQuery);
		return call(method, pathAndQuery, body, token);
	}

	/**
	 * Sends with the given token, or none when {@code null}.
	 */
	public HttpResponse<String> call(String method, String pathAndQuery, String body, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.emulator.endpoint() + pathAndQuery))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.build());
	}

	public static HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
