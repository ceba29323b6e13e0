package io.github.springsignalr.benchmarks.wire;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
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

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * One message to every client of hub {@code chat}, over HTTP to an emulator started in this JVM, two ways:
 * <ul>
 * <li>{@link #signalRTemplate()}: {@code SignalRTemplate.sendToAll("chat", "newMessage", "hello")}, the template
 * taken from {@link WireApp}'s context, so built as the auto-configuration builds it for an application (its
 * {@code RestClient} over the JDK's {@code HttpClient}, retries and call timeout from the default properties);</li>
 * <li>{@link #rawHttpClient()}: the same request written by hand with the JDK's {@code HttpClient}
 * ({@link RawSend});</li>
 * <li>{@link #signalRTemplateSpringFactory()}: the template of a second such context whose REST client a
 * {@code SignalRRestClientCustomizer} puts back on Spring's {@link JdkClientHttpRequestFactory}, configured as the
 * auto-configuration configured it before it had a factory of its own: the template as it was, in the same run.</li>
 * </ul>
 * Throughput: sends completed per second, each a whole round trip (the emulator answers 202 after handing the message
 * to the hub, which has no clients here). Before anything is measured, {@link SendEquivalence} proves that both send
 * the same request and that the emulator accepts both; each call checks its answer, so a refused send fails the
 * benchmark rather than counting.
 * <p>
 * Run with {@code -t 1} (one caller: the figure is 1/latency) and with more threads (the callers share the machine's
 * cores with the emulator: the figure is the CPU each send costs, the emulator's share the same both ways).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Benchmark)
public class SendBenchmark {

	private SignalREmulator emulator;

	private ConfigurableApplicationContext context;

	private SignalRTemplate template;

	private RawSend raw;

	private ConfigurableApplicationContext springFactoryContext;

	private SignalRTemplate springFactoryTemplate;

	private ExecutorService springFactoryThreads;

	@Setup
	public void setUp() {
		this.emulator = SignalREmulator.builder().port(0).build().start();
		SendEquivalence.check(this.emulator);
		String connectionString = SendEquivalence.connectionString(this.emulator.port(),
				this.emulator.accessKey(KeyType.PRIMARY));
		this.context = WireApp.withoutServer(connectionString);
		this.template = this.context.getBean(SignalRTemplate.class);
		this.raw = RawSend.to(connectionString, this.context.getBean(SignalRTokenService.class));
		this.springFactoryThreads = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "spring-factory-http");
			thread.setDaemon(true);
			return thread;
		});
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(this.springFactoryThreads)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(Duration.ofSeconds(100));
		this.springFactoryContext = WireApp.withoutServer(connectionString,
				(builder) -> builder.requestFactory(requestFactory));
		this.springFactoryTemplate = this.springFactoryContext.getBean(SignalRTemplate.class);
	}

	@TearDown
	public void tearDown() {
		if (this.springFactoryContext != null) {
			this.springFactoryContext.close();
		}
		if (this.springFactoryThreads != null) {
			this.springFactoryThreads.shutdownNow();
		}
		if (this.context != null) {
			this.context.close();
		}
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	@Benchmark
	public SignalRResult signalRTemplate() {
		SignalRResult result = this.template.sendToAll(RawSend.HUB, RawSend.TARGET, RawSend.ARGUMENT);
		if (!result.succeeded()) {
			throw new IllegalStateException("The send failed: " + result.failures());
		}
		return result;
	}

	@Benchmark
	public SignalRResult signalRTemplateSpringFactory() {
		SignalRResult result = this.springFactoryTemplate.sendToAll(RawSend.HUB, RawSend.TARGET, RawSend.ARGUMENT);
		if (!result.succeeded()) {
			throw new IllegalStateException("The send failed: " + result.failures());
		}
		return result;
	}

	@Benchmark
	public int rawHttpClient() throws IOException, InterruptedException {
		int status = this.raw.send();
		if (status != 202) {
			throw new IllegalStateException("The send got " + status);
		}
		return status;
	}

}
