package io.github.springsignalr.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link JdkByteArrayRequestFactory} against a real HTTP server on loopback (the JDK's), side by side with Spring's
 * {@link JdkClientHttpRequestFactory} where the template relies on both behaving alike: the request's headers, the
 * exceptions of a timeout and of a refused connection.
 */
class JdkByteArrayRequestFactoryTests {

	private static final byte[] BODY = "{\"target\":\"m\",\"arguments\":[\"hello\"]}".getBytes(StandardCharsets.UTF_8);

	private final AtomicReference<Seen> seen = new AtomicReference<>();

	private volatile Answer answer = new Answer(202, Map.of(), new byte[0], Duration.ZERO);

	private final HttpClient httpClient = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private HttpServer server;

	record Seen(String method, String pathAndQuery, Headers headers, byte[] body) {
	}

	record Answer(int status, Map<String, String> headers, byte[] body, Duration delay) {
	}

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.seen.set(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders(), body));
			Answer answer = this.answer;
			try {
				Thread.sleep(answer.delay().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			exchange.sendResponseHeaders(answer.status(), (answer.body().length > 0) ? answer.body().length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer.body());
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void sendsTheBodyWithItsLengthAndTheHeadersOfSpringsFactory() throws IOException {
		try (ClientHttpResponse response = post(factory(Duration.ofSeconds(5)))) {
			assertThat(response.getStatusCode().value()).isEqualTo(202);
		}
		Seen ours = this.seen.get();
		try (ClientHttpResponse response = post(springs(Duration.ofSeconds(5)))) {
			assertThat(response.getStatusCode().value()).isEqualTo(202);
		}
		Seen spring = this.seen.get();
		assertThat(ours.method()).isEqualTo("POST");
		assertThat(ours.pathAndQuery()).isEqualTo("/api/hubs/chat/:send?api-version=2022-06-01");
		assertThat(ours.body()).isEqualTo(BODY);
		assertThat(ours.headers().get("Content-Length")).containsExactly(String.valueOf(BODY.length));
		assertThat(ours.headers().get("Transfer-Encoding")).isNull();
		assertThat(ours.headers().get("Accept-Encoding")).containsExactly("gzip", "deflate");
		for (String name : List.of("Authorization", "Content-Type", "Accept-Encoding", "User-Agent", "Host")) {
			assertThat(ours.headers().get(name)).as(name).isEqualTo(spring.headers().get(name));
		}
		assertThat(spring.body()).isEqualTo(BODY);
	}

	@Test
	void aCleartextRequestGoesAsHttp11WithoutAskingForAnH2cUpgrade() throws IOException {
		// The client is left at its default, HTTP/2, with which Spring's factory asks every request to upgrade.
		try (ClientHttpResponse response = post(springs(Duration.ofSeconds(5)))) {
			assertThat(response.getStatusCode().value()).isEqualTo(202);
		}
		assertThat(this.seen.get().headers().get("Upgrade")).containsExactly("h2c");
		for (int i = 0; i < 2; i++) {
			try (ClientHttpResponse response = post(factory(Duration.ofSeconds(5)))) {
				assertThat(response.getStatusCode().value()).isEqualTo(202);
			}
			assertThat(this.seen.get().headers().get("Upgrade")).isNull();
			assertThat(this.seen.get().headers().get("HTTP2-Settings")).isNull();
			assertThat(this.seen.get().headers().get("Connection")).isNull();
		}
	}

	@Test
	void requestsWithoutABodySendNone() throws IOException {
		for (HttpMethod method : List.of(HttpMethod.DELETE, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.GET)) {
			ClientHttpRequest request = factory(Duration.ofSeconds(5)).createRequest(uri("/api/hubs/chat"), method);
			try (ClientHttpResponse response = request.execute()) {
				assertThat(response.getStatusCode().value()).isEqualTo(202);
			}
			assertThat(this.seen.get().method()).isEqualTo(method.name());
			assertThat(this.seen.get().body()).isEmpty();
			assertThat(this.seen.get().headers().get("Transfer-Encoding")).isNull();
		}
	}

	@Test
	void answersWithTheirStatusHeadersAndBody() throws IOException {
		byte[] error = "{\"code\":\"Error.Connection.NotExisted\"}".getBytes(StandardCharsets.UTF_8);
		this.answer = new Answer(404, Map.of("x-ms-error-code", "Error.Connection.NotExisted", "Content-Type",
				"application/json"), error, Duration.ZERO);
		try (ClientHttpResponse response = post(factory(Duration.ofSeconds(5)))) {
			assertThat(response.getStatusCode().value()).isEqualTo(404);
			assertThat(response.getStatusText()).isEqualTo("Not Found");
			assertThat(response.getHeaders().getFirst("X-MS-Error-Code")).isEqualTo("Error.Connection.NotExisted");
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
			assertThat(response.getBody().readAllBytes()).isEqualTo(error);
		}
	}

	@Test
	void aCompressedAnswerIsInflated() throws IOException {
		byte[] json = "{\"connectionId\":\"c1\"}".getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
			out.write(json);
		}
		this.answer = new Answer(200, Map.of("Content-Encoding", "gzip"), gzipped.toByteArray(), Duration.ZERO);
		try (ClientHttpResponse response = post(factory(Duration.ofSeconds(5)))) {
			assertThat(response.getBody().readAllBytes()).isEqualTo(json);
			assertThat(response.getHeaders().containsHeader(HttpHeaders.CONTENT_ENCODING)).isFalse();
			assertThat(response.getHeaders().containsHeader(HttpHeaders.CONTENT_LENGTH)).isFalse();
		}
	}

	@Test
	void anAnswerLongerThanTheLimitFails() {
		this.answer = new Answer(200, Map.of(), new byte[JdkByteArrayRequestFactory.MAX_ANSWER_BYTES + 1],
				Duration.ZERO);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> post(factory(Duration.ofSeconds(5))))
			.withMessageContaining("longer than");
	}

	@Test
	void aSlowAnswerTimesOutAsWithSpringsFactory() {
		this.answer = new Answer(202, Map.of(), new byte[0], Duration.ofSeconds(3));
		long start = System.nanoTime();
		Throwable ours = catchThrowable(() -> post(factory(Duration.ofMillis(200))));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		Throwable spring = catchThrowable(() -> post(springs(Duration.ofMillis(200))));
		assertThat(ours).isInstanceOf(HttpTimeoutException.class).isNotInstanceOf(ConnectException.class);
		assertThat(spring).isInstanceOf(HttpTimeoutException.class);
		assertThat(RetryRules.neverConnected(ours)).isFalse();
		// Loose: the machine is shared; without the timeout the call would take the answer's 3 s.
		assertThat(took).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void aRefusedConnectionFailsAsWithSpringsFactory() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		URI uri = URI.create("http://127.0.0.1:" + closedPort + "/api/hubs/chat/:send?api-version=2022-06-01");
		Throwable ours = catchThrowable(() -> post(factory(Duration.ofSeconds(5)), uri));
		Throwable spring = catchThrowable(() -> post(springs(Duration.ofSeconds(5)), uri));
		assertThat(ours).isInstanceOf(ConnectException.class);
		assertThat(spring).isInstanceOf(ConnectException.class);
		assertThat(RetryRules.neverConnected(ours)).isTrue();
	}

	@Test
	void throughARestClientFailuresAreResourceAccessExceptions() {
		this.answer = new Answer(202, Map.of(), new byte[0], Duration.ofSeconds(3));
		RestClient client = RestClient.builder().requestFactory(factory(Duration.ofMillis(200))).build();
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> client.post().uri(uri("/api/hubs/chat/:send")).body(BODY).retrieve().toBodilessEntity())
			.withCauseInstanceOf(HttpTimeoutException.class);
	}

	@Test
	void theHttpClientIsAskedForOnTheFirstRequestOnly() throws IOException {
		AtomicInteger asked = new AtomicInteger();
		JdkByteArrayRequestFactory factory = new JdkByteArrayRequestFactory(() -> {
			asked.incrementAndGet();
			return this.httpClient;
		}, Duration.ofSeconds(5));
		assertThat(asked).hasValue(0);
		for (int i = 0; i < 3; i++) {
			try (ClientHttpResponse response = post(factory)) {
				assertThat(response.getStatusCode().value()).isEqualTo(202);
			}
		}
		assertThat(asked).hasValue(1);
	}

	private JdkByteArrayRequestFactory factory(Duration readTimeout) {
		return new JdkByteArrayRequestFactory(() -> this.httpClient, readTimeout);
	}

	private JdkClientHttpRequestFactory springs(Duration readTimeout) {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(this.httpClient);
		factory.setReadTimeout(readTimeout);
		return factory;
	}

	private ClientHttpResponse post(ClientHttpRequestFactory factory) throws IOException {
		return post(factory, uri("/api/hubs/chat/:send?api-version=2022-06-01"));
	}

	private static ClientHttpResponse post(ClientHttpRequestFactory factory, URI uri) throws IOException {
		ClientHttpRequest request = factory.createRequest(uri, HttpMethod.POST);
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer not-a-real-token");
		request.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		request.getHeaders().setContentLength(BODY.length);
		try (OutputStream body = request.getBody()) {
			body.write(BODY);
		}
		return request.execute();
	}

	private URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + pathAndQuery);
	}

}
