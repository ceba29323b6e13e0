package io.github.springsignalr.autoconfigure.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;

import com.sun.net.httpserver.HttpServer;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorTest;
import io.github.springsignalr.emulator.rest.RestFault;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.RestRetryPolicy;
import io.github.springsignalr.rest.SignalRRestException;
import io.github.springsignalr.rest.SignalRTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client {@link SignalRTemplate} calls the REST API with, as {@link SignalRRestAutoConfiguration} builds it in an
 * application that also has Spring Boot's own {@code RestClient.Builder}: checked on the wire against a real HTTP
 * server.
 */
@SignalREmulatorTest
class SignalRRestClientTests {

	private static final String KEY = "cmVzdC1jbGllbnQtdGVzdHMtb25seS1rZXktMDAwMDA=";

	private final StubService service = new StubService();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRRestAutoConfiguration.class,
				RestClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class))
		.withPropertyValues("azure.signalr.connection-string=Endpoint=" + this.service.url() + ";AccessKey=" + KEY
				+ ";Version=1.0;");

	@AfterEach
	void stop() {
		this.service.close();
	}

	@Test
	void interceptorsOfTheApplicationsRestClientBuilderNeverSeeACall() {
		List<String> seen = new CopyOnWriteArrayList<>();
		ClientHttpRequestInterceptor recorder = (request, body, execution) -> {
			seen.add(request.getURI().getPath());
			return execution.execute(request, body);
		};
		this.runner.withBean(RestClientCustomizer.class, () -> (builder) -> builder.requestInterceptor(recorder))
			.run((context) -> {
				context.getBean(SignalRTemplate.class).sendToAll("chat", "hello");
				assertThat(this.service.requests()).containsExactly("POST /api/hubs/chat/:send");
				assertThat(seen).isEmpty();
			});
	}

	@Test
	void aCallStartsNoThreadOfItsOwnToWriteItsBody() {
		this.runner.run((context) -> {
			SignalRTemplate template = context.getBean(SignalRTemplate.class);
			template.sendToAll("chat", "warm-up");
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long before = threads.getTotalStartedThreadCount();
			int sends = 50;
			for (int i = 0; i < sends; i++) {
				assertThat(template.sendToAll("chat", "hello", i).succeeded()).isTrue();
			}
			long started = threads.getTotalStartedThreadCount() - before;
			// Without an executor of the HttpClient's own, Spring's JdkClientHttpRequestFactory writes each body on a
			// new thread (SimpleAsyncTaskExecutor). The JDK's HttpClient completes each sendAsync on the default
			// executor of CompletableFuture, which is a new thread per task where the common pool has fewer than two
			// threads (two cores or less): those are expected, and nothing more.
			long jdkPerCall = (ForkJoinPool.getCommonPoolParallelism() < 2) ? 1 : 0;
			assertThat(started).as("threads started by %d sends", sends).isLessThan(sends * jdkPerCall + 10);
		});
	}

	@Test
	void aRedirectFromTheServiceIsNotFollowed() {
		this.service.answer(302, Map.of("Location", this.service.url() + "/elsewhere"), Duration.ZERO);
		this.runner.run((context) -> {
			SignalRTemplate template = context.getBean(SignalRTemplate.class);
			assertThatExceptionOfType(SignalRRestException.class).isThrownBy(() -> template.sendToAll("chat", "hi"))
				.satisfies((ex) -> assertThat(ex.getResult().results()).extracting(EndpointResult::status)
					.containsExactly(302));
			assertThat(this.service.requests()).containsExactly("POST /api/hubs/chat/:send");
		});
	}

	@Test
	void readTimeoutComesFromProperties() {
		this.service.answer(202, Map.of(), Duration.ofSeconds(3));
		this.runner.withPropertyValues("azure.signalr.rest.read-timeout=200ms").run((context) -> {
			SignalRTemplate template = context.getBean(SignalRTemplate.class);
			long start = System.nanoTime();
			// Without the read timeout, the call would wait for the answer and succeed.
			assertThatExceptionOfType(SignalRRestException.class).isThrownBy(() -> template.sendToAll("chat", "hi"))
				.satisfies((ex) -> assertThat(ex.getResult().results()).extracting(EndpointResult::status)
					.containsExactly(0));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
		});
	}

	@Test
	void timeoutsDefaultToThoseOfTheManagementSdkAndBindFromProperties() {
		this.runner.run((context) -> {
			SignalRRestProperties properties = context.getBean(SignalRRestProperties.class);
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(100));
		});
		this.runner.withPropertyValues("azure.signalr.rest.connect-timeout=3s", "azure.signalr.rest.read-timeout=20s")
			.run((context) -> {
				SignalRRestProperties properties = context.getBean(SignalRRestProperties.class);
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(20));
			});
	}

	@Test
	void retriesFollowTheManagementSdksDefaultsAndComeFromProperties(SignalREmulator emulator) {
		this.runner.run((context) -> {
			SignalRRestProperties.Retry retry = context.getBean(SignalRRestProperties.class).getRetry();
			assertThat(retry.isEnabled()).isTrue();
			assertThat(retry.getMode()).isEqualTo(RestRetryPolicy.Mode.FIXED);
			assertThat(retry.getMaxRetries()).isEqualTo(3);
			assertThat(retry.getDelay()).isEqualTo(Duration.ofMillis(800));
			assertThat(retry.getMaxDelay()).isEqualTo(Duration.ofMinutes(1));
		});
		emulator.restFaults().next(2, RestFault.unavailable());
		ApplicationContextRunner onEmulator = this.runner
			.withPropertyValues("azure.signalr.connection-string=" + emulator.primaryConnectionString());
		onEmulator.withPropertyValues("azure.signalr.rest.retry.mode=exponential",
				"azure.signalr.rest.retry.delay=10ms")
			.run((context) -> assertThat(context.getBean(SignalRTemplate.class).sendToAll("chat", "m").succeeded())
				.isTrue());
		assertThat(emulator.restFaults().refused()).isEqualTo(2);
		emulator.restFaults().next(1, RestFault.unavailable());
		onEmulator.withPropertyValues("azure.signalr.rest.retry.enabled=false")
			.run((context) -> assertThatExceptionOfType(SignalRRestException.class)
				.isThrownBy(() -> context.getBean(SignalRTemplate.class).sendToAll("chat", "m")));
	}

	@Test
	void aNegativeRetryCountEndsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("azure.signalr.rest.retry.max-retries=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("azure.signalr.rest.retry.max-retries"));
	}

	@Test
	void aTimeoutOfZeroEndsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("azure.signalr.rest.connect-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("azure.signalr.rest.connect-timeout"));
	}

	@Test
	void customizersAreAppliedInOrderAndSeeEveryCall() {
		List<String> seen = new CopyOnWriteArrayList<>();
		this.runner.withBean(Second.class, () -> new Second(seen))
			.withBean(First.class, () -> new First(seen))
			.run((context) -> {
				context.getBean(SignalRTemplate.class).sendToUser("chat", "u1", "hello");
				assertThat(seen).containsExactly("first /api/hubs/chat/users/u1/:send",
						"second /api/hubs/chat/users/u1/:send");
			});
	}

	private static ClientHttpRequestInterceptor recording(String name, List<String> seen) {
		return (request, body, execution) -> {
			seen.add(name + " " + request.getURI().getPath());
			return execution.execute(request, body);
		};
	}

	@Order(1)
	record First(List<String> seen) implements SignalRRestClientCustomizer {

		@Override
		public void customize(RestClient.Builder builder) {
			builder.requestInterceptor(recording("first", this.seen));
		}

	}

	@Order(2)
	record Second(List<String> seen) implements SignalRRestClientCustomizer {

		@Override
		public void customize(RestClient.Builder builder) {
			builder.requestInterceptor(recording("second", this.seen));
		}

	}

	/**
	 * A real HTTP server on loopback answering every request alike, after a delay: a stand-in for the service.
	 */
	static final class StubService implements AutoCloseable {

		private final HttpServer server;

		private final List<String> requests = new CopyOnWriteArrayList<>();

		private volatile int status = 202;

		private volatile Map<String, String> headers = Map.of();

		private volatile Duration delay = Duration.ZERO;

		StubService() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.createContext("/", (exchange) -> {
				this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
				exchange.getRequestBody().readAllBytes();
				try {
					Thread.sleep(this.delay.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
				exchange.sendResponseHeaders(this.status, -1);
				exchange.close();
			});
			this.server.start();
		}

		void answer(int status, Map<String, String> headers, Duration delay) {
			this.status = status;
			this.headers = Map.copyOf(headers);
			this.delay = delay;
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		List<String> requests() {
			return List.copyOf(this.requests);
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
