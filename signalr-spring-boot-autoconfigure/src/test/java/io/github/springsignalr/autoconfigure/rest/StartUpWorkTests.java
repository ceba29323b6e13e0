package io.github.springsignalr.autoconfigure.rest;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.springsignalr.autoconfigure.internal.DedicatedSchedulerLifecycle;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRRotationAutoConfiguration;
import io.github.springsignalr.autoconfigure.entra.SignalREntraAutoConfiguration;
import io.github.springsignalr.emulator.junit.SignalREmulatorExtension;
import io.github.springsignalr.entra.internal.EntraAccessKeyClient;
import io.github.springsignalr.rest.ReactiveSignalRTemplate;
import io.github.springsignalr.rest.SignalRTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the starter leaves for later: with an endpoint configured, a started context has built no JDK
 * {@code HttpClient} (each starts a selector thread, {@code HttpClient-<n>-SelectorManager}, and loads the JDK's TLS
 * for its default context) and made no thread of its own; the REST client is made by the first call, the health
 * check's and the reload's threads when their first run is due. Threads are the evidence, so the check watches what
 * the JDK does, not our holders.
 */
class StartUpWorkTests {

	@RegisterExtension
	static final SignalREmulatorExtension EMULATOR = SignalREmulatorExtension.builder().build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRRotationAutoConfiguration.class,
				SignalRRestAutoConfiguration.class, SignalRReactiveRestAutoConfiguration.class,
				SignalREntraAutoConfiguration.class));

	@Test
	void aStartedContextHasNoHttpClientNorThreadsUntilTheFirstCall() {
		Set<String> before = threadNames();
		this.runner.withPropertyValues("azure.signalr.connection-string=" + EMULATOR.emulator().primaryConnectionString())
			.run((context) -> {
				assertThat(context).hasSingleBean(SignalRTemplate.class)
					.hasSingleBean(ReactiveSignalRTemplate.class)
					.hasSingleBean(EndpointHealthCheckSchedule.class)
					.hasSingleBean(EntraAccessKeyClient.class);
				// Health checks, reloads, Microsoft Entra keys (none to fetch here).
				assertThat(context.getBeansOfType(DedicatedSchedulerLifecycle.class).values()).hasSize(3)
					.allSatisfy((schedule) -> {
						assertThat(schedule.isRunning()).isTrue();
						assertThat(schedule.hasThreads()).as("%s made threads at start-up", schedule).isFalse();
					});
				assertThat(newThreads(before)).noneMatch(StartUpWorkTests::isStartersOrHttpClients);

				assertThat(context.getBean(SignalRTemplate.class).sendToAll("chat", "message", "hi").succeeded())
					.isTrue();
				// The same check sees the client the first call made.
				assertThat(newThreads(before)).anyMatch((name) -> name.matches("HttpClient-\\d+-SelectorManager"));
			});
	}

	@Test
	void theThreadsAreMadeWhenTheFirstRunIsDueAndGoWithTheContext() {
		// The discard port: the health check probes nothing there, and only its thread matters here.
		this.runner
			.withPropertyValues("azure.signalr.connection-string=Endpoint=http://127.0.0.1:9;AccessKey="
					+ "c3RhcnQtdXAtd29yay10ZXN0cy1vbmx5LW5vdC1hLWtleTA=;Version=1.0;",
					"azure.signalr.health-check.interval=200ms", "azure.signalr.reload.interval=200ms")
			.run((context) -> {
				Set<DedicatedSchedulerLifecycle> schedules = Set.of(context.getBean(EndpointHealthCheckSchedule.class),
						(DedicatedSchedulerLifecycle) context.getBean("signalRConfiguredEndpointsReloader"));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> schedules.stream().allMatch(DedicatedSchedulerLifecycle::hasThreads));
				assertThat(threadNames()).anyMatch((name) -> name.startsWith("signalr-health-"))
					.anyMatch((name) -> name.startsWith("signalr-reload-"));
				DedicatedSchedulerLifecycle entra = (DedicatedSchedulerLifecycle) context
					.getBean("signalREntraKeyRefreshSchedule");
				assertThat(entra.isRunning()).isTrue();
				assertThat(entra.hasThreads()).as("no endpoint uses Microsoft Entra ID").isFalse();
				context.stop();
				assertThat(schedules).noneMatch(DedicatedSchedulerLifecycle::hasThreads)
					.noneMatch(DedicatedSchedulerLifecycle::isRunning);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "azure.signalr.rest.connect-timeout", "azure.signalr.rest.read-timeout",
			"azure.signalr.health-check.timeout" })
	void theTimeoutsOfTheClientsMadeLaterAreStillCheckedAtStartUp(String property) {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=Endpoint=http://127.0.0.1:9;AccessKey="
					+ "c3RhcnQtdXAtd29yay10ZXN0cy1vbmx5LW5vdC1hLWtleTA=;Version=1.0;", property + "=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining(property)
				.hasStackTraceContaining("longer than zero"));
	}

	private static boolean isStartersOrHttpClients(String name) {
		return name.matches("HttpClient-\\d+-SelectorManager") || name.startsWith("signalr-");
	}

	private static Set<String> newThreads(Set<String> before) {
		Set<String> now = threadNames();
		now.removeAll(before);
		return now;
	}

	private static Set<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
	}

}
