package io.github.springsignalr.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that answers every request with one status and headers, and records what came: a
 * stand-in for the service, or for whatever else may sit at a {@code ServerEndpoint} (a proxy answering a bare 404).
 */
final class RecordingRestServer implements AutoCloseable {

	/** One request as it arrived: method, raw path and query, and its {@code Authorization} header. */
	record Request(String method, String pathAndQuery, String authorization) {
	}

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile int status = 202;

	private volatile Map<String, String> headers = Map.of();

	RecordingRestServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
					+ ((exchange.getRequestURI().getRawQuery() != null) ? "?" + exchange.getRequestURI().getRawQuery()
							: ""),
					exchange.getRequestHeaders().getFirst("Authorization")));
			exchange.getRequestBody().readAllBytes();
			this.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			exchange.sendResponseHeaders(this.status, -1);
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * Answers every request from now on with {@code status} and {@code headers}, without a body.
	 */
	RecordingRestServer answer(int status, Map<String, String> headers) {
		this.status = status;
		this.headers = Map.copyOf(headers);
		return this;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
