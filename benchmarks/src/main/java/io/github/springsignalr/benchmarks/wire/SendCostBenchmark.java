package io.github.springsignalr.benchmarks.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.rest.JdkByteArrayRequestFactory;
import io.github.springsignalr.token.SignalRTokenService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Where a {@link SendBenchmark} send goes between the raw JDK client and the template: the same send through the
 * layers the template uses, each built as {@code SignalRRestAutoConfiguration} builds it (an {@link HttpClient} with
 * a connect timeout, no redirects and a cached thread pool; Spring's {@link JdkClientHttpRequestFactory} over it with
 * the read timeout):
 * <ul>
 * <li>{@link #rawChunked()}: {@link RawSend}'s request with its body of unknown length, so sent chunked as the
 * template's was on Spring's factory: the framing alone;</li>
 * <li>{@link #requestFactory()}: Spring's {@code ClientHttpRequest} of that factory, the body's bytes written to it
 * with their {@code Content-Length};</li>
 * <li>{@link #byteArrayFactory()}: the same through the starter's {@link JdkByteArrayRequestFactory}, which the
 * template now uses: the body handed to the JDK's client as bytes, the answer read whole;</li>
 * <li>{@link #requestFactoryBare()}: the same without a read timeout and without compression (no
 * {@code Accept-Encoding}), to show what those two cost;</li>
 * <li>{@link #restClient()}: a {@link RestClient} on the factory, the body the template's map, which Jackson writes
 * (so sent chunked, as the template's was on Spring's factory);</li>
 * <li>{@link #restClientByteArray()}: the same on {@link JdkByteArrayRequestFactory}, as the template's is now;</li>
 * <li>{@link #restClientBuffered()}: the same with {@code RestClient.Builder.bufferContent}, which gives the body a
 * {@code Content-Length}.</li>
 * </ul>
 * Same URL, token and body as {@link RawSend}, by construction rather than checked as {@link SendEquivalence} checks
 * the two ends; {@code SendCostBenchmarkTests} shows that the emulator accepts each.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Benchmark)
public class SendCostBenchmark {

	private static final Map<String, Object> BODY = Map.of("target", RawSend.TARGET, "arguments",
			new Object[] { RawSend.ARGUMENT });

	private SignalREmulator emulator;

	private ExecutorService threads;

	private SignalRTokenService tokens;

	private ServiceEndpoint endpoint;

	private String audience;

	private RawSend raw;

	private JdkClientHttpRequestFactory requestFactory;

	private JdkClientHttpRequestFactory requestFactoryWithoutTimeout;

	private JdkByteArrayRequestFactory byteArrayFactory;

	private RestClient restClient;

	private RestClient bufferedRestClient;

	private RestClient byteArrayRestClient;

	@Setup
	public void setUp() {
		this.emulator = SignalREmulator.builder().port(0).build().start();
		String connectionString = SendEquivalence.connectionString(this.emulator.port(),
				this.emulator.accessKey(KeyType.PRIMARY));
		this.tokens = new SignalRTokenService();
		this.endpoint = ServiceEndpoint.of("cost", EndpointType.PRIMARY, connectionString);
		this.audience = this.endpoint.connectionString().audienceBase() + RawSend.PATH_AND_QUERY;
		this.raw = RawSend.to(connectionString, this.tokens);
		this.threads = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "cost-http");
			thread.setDaemon(true);
			return thread;
		});
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(this.threads)
			.build();
		this.requestFactory = new JdkClientHttpRequestFactory(httpClient);
		this.requestFactory.setReadTimeout(Duration.ofSeconds(100));
		this.byteArrayFactory = new JdkByteArrayRequestFactory(() -> httpClient, Duration.ofSeconds(100));
		this.requestFactoryWithoutTimeout = new JdkClientHttpRequestFactory(httpClient);
		this.requestFactoryWithoutTimeout.enableCompression(false);
		this.restClient = RestClient.builder().requestFactory(this.requestFactory).build();
		this.byteArrayRestClient = RestClient.builder().requestFactory(this.byteArrayFactory).build();
		this.bufferedRestClient = RestClient.builder()
			.requestFactory(this.requestFactory)
			.bufferContent((uri, method) -> true)
			.build();
	}

	@TearDown
	public void tearDown() {
		if (this.threads != null) {
			this.threads.shutdownNow();
		}
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	@Benchmark
	public int rawChunked() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.raw.uri())
			.timeout(Duration.ofSeconds(100))
			.header(HttpHeaders.AUTHORIZATION, authorization())
			.header(HttpHeaders.ACCEPT_ENCODING, "gzip")
			.header(HttpHeaders.ACCEPT_ENCODING, "deflate")
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(RawSend.BODY)))
			.build();
		return accepted(this.raw.client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
	}

	@Benchmark
	public int requestFactory() throws IOException {
		return send(this.requestFactory);
	}

	@Benchmark
	public int requestFactoryBare() throws IOException {
		return send(this.requestFactoryWithoutTimeout);
	}

	@Benchmark
	public int byteArrayFactory() throws IOException {
		return send(this.byteArrayFactory);
	}

	private int send(ClientHttpRequestFactory factory) throws IOException {
		ClientHttpRequest request = factory.createRequest(this.raw.uri(), HttpMethod.POST);
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, authorization());
		request.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		request.getHeaders().setContentLength(RawSend.BODY.length);
		try (OutputStream body = request.getBody()) {
			body.write(RawSend.BODY);
		}
		try (ClientHttpResponse response = request.execute()) {
			return accepted(response.getStatusCode().value());
		}
	}

	@Benchmark
	public int restClient() {
		return send(this.restClient);
	}

	@Benchmark
	public int restClientByteArray() {
		return send(this.byteArrayRestClient);
	}

	@Benchmark
	public int restClientBuffered() {
		return send(this.bufferedRestClient);
	}

	private int send(RestClient client) {
		return client.post()
			.uri(this.raw.uri())
			.header(HttpHeaders.AUTHORIZATION, authorization())
			.contentType(MediaType.APPLICATION_JSON)
			.body(BODY)
			.exchange((request, response) -> accepted(response.getStatusCode().value()));
	}

	private String authorization() {
		return "Bearer " + this.tokens.restToken(this.endpoint, this.audience);
	}

	private static int accepted(int status) {
		if (status != 202) {
			throw new IllegalStateException("The send got " + status);
		}
		return status;
	}

}
