package io.github.springsignalr.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * A {@link ClientHttpRequestFactory} on the JDK's {@link HttpClient} for the service's REST API, whose requests buffer
 * their body and hand it to the client as bytes, and read the answer, which is small, whole.
 * <p>
 * Spring's {@code JdkClientHttpRequestFactory} writes every body on an executor thread through a publisher and reads
 * every answer as a stream; for the REST API's small JSON bodies that cost a send about twice the CPU of the JDK
 * client alone ({@code benchmarks/README.md}, "Over the wire"). The headers are those Spring's factory sends,
 * {@code Accept-Encoding: gzip} and {@code deflate} included (a compressed answer is inflated); the body goes with
 * its {@code Content-Length} rather than chunked. The read timeout is the request's ({@link HttpRequest#timeout}):
 * it bounds the wait for the answer's headers; the answer's body is bounded in size instead
 * ({@value #MAX_ANSWER_BYTES} bytes). Redirects are the client's business: the auto-configuration's follows none.
 * A cleartext ({@code http}) request goes as HTTP/1.1, without the h2c upgrade the JDK's client otherwise asks for
 * on every one of them ({@code docs/service-behaviour.md}, SP1).
 * <p>
 * For {@code SignalRRestAutoConfiguration}; not an API of its own.
 */
public final class JdkByteArrayRequestFactory implements ClientHttpRequestFactory {

	/** The largest answer read, compressed or inflated: the REST API answers a few hundred bytes at most. */
	static final int MAX_ANSWER_BYTES = 1024 * 1024;

	// As Spring's JdkClientHttpRequest: headers the JDK's client refuses to be given.
	private static final Set<String> DISALLOWED_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"upgrade");

	private static final List<String> ENCODINGS = List.of("gzip", "deflate");

	private final Supplier<HttpClient> httpClientSupplier;

	private final @Nullable Duration readTimeout;

	private volatile @Nullable HttpClient httpClient;

	/**
	 * @param httpClient the client, asked for on the first request
	 * @param readTimeout how long a request waits for its answer, or {@code null} for as long as it takes
	 */
	public JdkByteArrayRequestFactory(Supplier<HttpClient> httpClient, @Nullable Duration readTimeout) {
		Assert.notNull(httpClient, "httpClient must not be null");
		Assert.isTrue(readTimeout == null || (!readTimeout.isNegative() && !readTimeout.isZero()),
				"readTimeout must be longer than zero");
		this.httpClientSupplier = httpClient;
		this.readTimeout = readTimeout;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new Request(httpClient(), uri, httpMethod, this.readTimeout);
	}

	private HttpClient httpClient() {
		HttpClient client = this.httpClient;
		if (client == null) {
			synchronized (this) {
				client = this.httpClient;
				if (client == null) {
					client = this.httpClientSupplier.get();
					Assert.state(client != null, "The HttpClient supplier supplied none");
					this.httpClient = client;
				}
			}
		}
		return client;
	}

	private static final class Request extends AbstractBufferingClientHttpRequest {

		private final HttpClient httpClient;

		private final URI uri;

		private final HttpMethod method;

		private final @Nullable Duration timeout;

		Request(HttpClient httpClient, URI uri, HttpMethod method, @Nullable Duration timeout) {
			this.httpClient = httpClient;
			this.uri = uri;
			this.method = method;
			this.timeout = timeout;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
			HttpRequest request = buildRequest(headers, body);
			try {
				return new Response(this.httpClient.send(request, (info) -> new BoundedBody(MAX_ANSWER_BYTES)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Could not send request: " + ex.getMessage(), ex);
			}
		}

		private HttpRequest buildRequest(HttpHeaders headers, byte[] body) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(this.uri);
			if ("http".equalsIgnoreCase(this.uri.getScheme())) {
				// A client left at HTTP/2 asks every cleartext request to upgrade to h2c (Upgrade, HTTP2-Settings),
				// which no SignalR endpoint accepts: the service is HTTPS only and the emulators speak HTTP/1.1.
				// Over TLS the version stays the client's, negotiated by ALPN.
				builder.version(HttpClient.Version.HTTP_1_1);
			}
			if (this.timeout != null) {
				builder.timeout(this.timeout);
			}
			if (!headers.containsHeader(HttpHeaders.ACCEPT_ENCODING)) {
				headers.addAll(HttpHeaders.ACCEPT_ENCODING, ENCODINGS);
			}
			headers.forEach((name, values) -> {
				if (!DISALLOWED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
					for (String value : values) {
						builder.header(name, value);
					}
				}
			});
			if (body.length > 0) {
				return builder.method(this.method.name(), HttpRequest.BodyPublishers.ofByteArray(body)).build();
			}
			// No body, as Spring's factory sends a request without one.
			if (HttpMethod.GET.equals(this.method)) {
				return builder.GET().build();
			}
			if (HttpMethod.DELETE.equals(this.method)) {
				return builder.DELETE().build();
			}
			return builder.method(this.method.name(), HttpRequest.BodyPublishers.noBody()).build();
		}

	}

	/**
	 * An answer read whole, inflated when it came compressed.
	 */
	private static final class Response implements ClientHttpResponse {

		private final int status;

		private final HttpHeaders headers;

		private final byte[] body;

		Response(HttpResponse<byte[]> response) throws IOException {
			this.status = response.statusCode();
			HttpHeaders headers = new HttpHeaders();
			response.headers().map().forEach(headers::addAll);
			byte[] body = response.body();
			String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
			if (encoding != null && ENCODINGS.contains(encoding.trim().toLowerCase(Locale.ROOT))) {
				body = inflate(body, encoding.trim().toLowerCase(Locale.ROOT));
				headers.remove(HttpHeaders.CONTENT_ENCODING);
				headers.remove(HttpHeaders.CONTENT_LENGTH);
			}
			this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
			this.body = body;
		}

		private static byte[] inflate(byte[] compressed, String encoding) throws IOException {
			if (compressed.length == 0) {
				return compressed;
			}
			ByteArrayInputStream in = new ByteArrayInputStream(compressed);
			try (InputStream inflated = "gzip".equals(encoding) ? new GZIPInputStream(in) : new InflaterInputStream(in)) {
				byte[] body = inflated.readNBytes(MAX_ANSWER_BYTES + 1);
				if (body.length > MAX_ANSWER_BYTES) {
					throw new IOException("The answer inflates to more than " + MAX_ANSWER_BYTES + " bytes");
				}
				return body;
			}
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.status);
		}

		@Override
		public String getStatusText() {
			HttpStatus status = HttpStatus.resolve(this.status);
			return (status != null) ? status.getReasonPhrase() : "";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.body);
		}

		@Override
		public void close() {
		}

	}

	/**
	 * The answer's bytes, up to a limit: a longer answer ends the exchange with an {@link IOException}.
	 */
	static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

		private final CompletableFuture<byte[]> result = new CompletableFuture<>();

		private final List<ByteBuffer> buffers = new ArrayList<>();

		private final int limit;

		private int size;

		private Flow.@Nullable Subscription subscription;

		BoundedBody(int limit) {
			this.limit = limit;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.result;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> items) {
			if (this.result.isDone()) {
				return;
			}
			for (ByteBuffer item : items) {
				this.size += item.remaining();
				if (this.size > this.limit) {
					this.buffers.clear();
					Flow.Subscription subscription = this.subscription;
					if (subscription != null) {
						subscription.cancel();
					}
					this.result.completeExceptionally(
							new IOException("The answer is longer than " + this.limit + " bytes"));
					return;
				}
				this.buffers.add(item);
			}
		}

		@Override
		public void onError(Throwable failure) {
			this.buffers.clear();
			this.result.completeExceptionally(failure);
		}

		@Override
		public void onComplete() {
			byte[] bytes = new byte[this.size];
			int offset = 0;
			for (ByteBuffer buffer : this.buffers) {
				int length = buffer.remaining();
				buffer.get(bytes, offset, length);
				offset += length;
			}
			this.buffers.clear();
			this.result.complete(bytes);
		}

	}

}
