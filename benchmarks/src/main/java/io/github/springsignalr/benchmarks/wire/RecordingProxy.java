package io.github.springsignalr.benchmarks.wire;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on the loopback that records every request as it came over the wire and passes it on to the
 * emulator (method, path, query, {@code Authorization}, {@code Content-Type} and body), answering with the emulator's
 * status: the emulator verifies the token, this records what it verified.
 */
final class RecordingProxy implements AutoCloseable {

	/**
	 * One request as received, and the status the emulator answered it with.
	 *
	 * @param headers every header, names lower-cased, in name order
	 */
	record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
			int status) {

		String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null && values.size() == 1) ? values.get(0) : null;
		}

	}

	private final HttpServer server;

	private final URI emulator;

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final List<Recorded> recorded = new ArrayList<>();

	RecordingProxy(URI emulator) throws IOException {
		this.emulator = emulator;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	synchronized List<Recorded> recorded() {
		return List.copyOf(this.recorded);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Map<String, List<String>> headers = new TreeMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
			URI uri = exchange.getRequestURI();
			String pathAndQuery = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
			HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(this.emulator + pathAndQuery))
				.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
			for (String name : List.of("authorization", "content-type")) {
				List<String> values = headers.get(name);
				if (values != null) {
					values.forEach((value) -> forward.header(name, value));
				}
			}
			int status;
			try {
				status = this.client.send(forward.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				status = 503;
			}
			synchronized (this) {
				this.recorded.add(new Recorded(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
						headers, body, status));
			}
			exchange.sendResponseHeaders(status, -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
