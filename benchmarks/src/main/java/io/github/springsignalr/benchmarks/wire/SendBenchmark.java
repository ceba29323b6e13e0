package io.github.springsignalr.benchmarks.wire;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.rest.SignalRRestException;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.token.SignalRTokenService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * One failure is counted rather than thrown: the JDK client's pooled-connection race ({@link #POOL_RACE}, in JDK 17 and
 * 25 alike: {@code benchmarks/README.md}), a few sends in 100,000 with several callers, which would otherwise end the
 * iteration; the count is printed at the end of each run. The send it hits was carried out by the emulator.
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

	/**
	 * The message of the JDK client's failure when its pool's cleanup trigger took the answer of a request sent on a
	 * connection just taken from the pool.
	 */
	static final String POOL_RACE = "HTTP/1.1 header parser received no bytes";

	private final AtomicLong poolRaces = new AtomicLong();

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
		System.out.println("Sends lost to the JDK client's pool race (counted, not thrown): " + this.poolRaces.get());
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
		return send(this.template);
	}

	@Benchmark
	public SignalRResult signalRTemplateSpringFactory() {
		return send(this.springFactoryTemplate);
	}

	@Benchmark
	public int rawHttpClient() throws IOException, InterruptedException {
		int status;
		try {
			status = this.raw.send();
		}
		catch (IOException ex) {
			if (!POOL_RACE.equals(ex.getMessage())) {
				throw ex;
			}
			this.poolRaces.incrementAndGet();
			return 0;
		}
		if (status != 202) {
			throw new IllegalStateException("The send got " + status);
		}
		return status;
	}

	/**
	 * {@link #rawHttpClient()} in group {@code sideBySide}: run with {@link #sideBySideTemplate()} at the same time,
	 * so that both share whatever else the machine does ({@code -tg 1,1}: one caller each; {@code -tg 2,2}: two).
	 */
	@Benchmark
	@Group("sideBySide")
	@GroupThreads(1)
	public int sideBySideRaw() throws IOException, InterruptedException {
		return rawHttpClient();
	}

	/**
	 * {@link #signalRTemplate()} in group {@code sideBySide}.
	 */
	@Benchmark
	@Group("sideBySide")
	@GroupThreads(1)
	public SignalRResult sideBySideTemplate() {
		return signalRTemplate();
	}

	private SignalRResult send(SignalRTemplate template) {
		SignalRResult result;
		try {
			result = template.sendToAll(RawSend.HUB, RawSend.TARGET, RawSend.ARGUMENT);
		}
		catch (SignalRRestException ex) {
			if (ex.getMessage() == null || !ex.getMessage().contains(POOL_RACE)) {
				throw ex;
			}
			this.poolRaces.incrementAndGet();
			return ex.getResult();
		}
		if (!result.succeeded()) {
			throw new IllegalStateException("The send failed: " + result.failures());
		}
		return result;
	}

}
