package io.github.springsignalr.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springsignalr.emulator.upstream.UpstreamSignature;

/**
 * An upstream request made by hand with the JDK's HTTP client, as the service (or someone replaying it) would send
 * it: the emulator's headers and signature, each of which a test may change or leave out.
 */
final class UpstreamRequest {

	/** A key in the URL's query, as Azure Functions' upstream URLs carry one: never to be logged. */
	static final String FUNCTION_KEY = "function-key-in-the-query";

	private static final HttpClient http = HttpClient.newHttpClient();

	private final Map<String, String> headers = new LinkedHashMap<>();

	private String urlHub;

	private final String category;

	private final String event;

	private final String body;

	private UpstreamRequest(String hub, String category, String event, String connectionId, String body) {
		this.urlHub = hub;
		this.category = category;
		this.event = event;
		this.body = body;
		this.headers.put("Content-Type", "application/json");
		this.headers.put("X-ASRS-Connection-Id", connectionId);
		this.headers.put("X-ASRS-Hub", hub);
		this.headers.put("X-ASRS-Category", category);
		this.headers.put("X-ASRS-Event", event);
	}

	/**
	 * An invocation of {@code echo("replayed")} with an id, on {@code hub}, by the connection's user, as the service
	 * names it in each of the connection's requests.
	 */
	static UpstreamRequest echo(String hub, String connectionId, String userId) {
		return new UpstreamRequest(hub, "messages", "echo", connectionId,
				"{\"type\":1,\"invocationId\":\"42\",\"target\":\"echo\",\"arguments\":[\"replayed\"]}")
			.header("X-ASRS-User-Id", userId);
	}

	/**
	 * Signs with each key as the service does: {@code sha256=<hex>} per key, comma-separated.
	 */
	UpstreamRequest signedWith(String... keys) {
		return header("X-ASRS-Signature",
				UpstreamSignature.header(this.headers.get("X-ASRS-Connection-Id"), List.of(keys)));
	}

	/**
	 * Sets a header, or removes it for {@code null}.
	 */
	UpstreamRequest header(String name, String value) {
		if (value == null) {
			this.headers.remove(name);
		}
		else {
			this.headers.put(name, value);
		}
		return this;
	}

	String header(String name) {
		return this.headers.get(name);
	}

	/**
	 * Sends to another hub's URL, headers unchanged.
	 */
	UpstreamRequest toUrlOfHub(String hub) {
		this.urlHub = hub;
		return this;
	}

	HttpResponse<String> send(String appUrl) throws Exception {
		URI url = URI.create(appUrl + "/signalr/upstream/" + this.urlHub + "/" + this.category + "/" + this.event
				+ "?code=" + FUNCTION_KEY);
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.POST(HttpRequest.BodyPublishers.ofString(this.body));
		this.headers.forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
