package io.github.springsignalr.e2e;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The router and the health checks against real emulated services: when the primary stops, negotiation moves to the
 * secondary once its probe and two retries failed (within an interval and two retry intervals); when it comes back,
 * clients go to it again. A sole endpoint that stops answering its probes stays online, as in the .NET SDK.
 */
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest
class RouterFailoverTests {

	/** {@code azure.signalr.health-check.interval} of {@link PrimaryAndSecondary}. */
	private static final Duration INTERVAL = Duration.ofMillis(500);

	/**
	 * Between the three probes (the first and two retries) an endpoint gets before it goes offline:
	 * {@code azure.signalr.health-check.retry-interval}.
	 */
	private static final Duration RETRY = Duration.ofMillis(100);

	/**
	 * East as primary and west as secondary, probed every {@link #INTERVAL}; each test stops emulators, so each gets
	 * its own.
	 */
	@Nested
	@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off", "azure.signalr.health-check.interval=500ms",
					"azure.signalr.health-check.retry-interval=100ms" })
	@AutoConfigureSignalREmulator(endpoints = { "east", "west:secondary" })
	@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
	class PrimaryAndSecondary {

		@Autowired
		@Qualifier("east")
		private SignalREmulator primary;

		@Autowired
		@Qualifier("west")
		private SignalREmulator secondary;

		@Autowired
		private ConfigurableApplicationContext app;

		@Test
		void negotiationFollowsThePrimaryOutAndBackIn(CapturedOutput output) throws Exception {
			int primaryPort = this.primary.port();
			String primaryKey = this.primary.accessKey(KeyType.PRIMARY);
			HttpClient http = HttpClient.newHttpClient();
			String appUrl = ChatApplication.url(this.app);
			assertThat(ChatApplication.negotiate(http, appUrl, "chat")).containsEntry("url", this.primary.clientUrl("chat"));

			this.primary.close();
			long stoppedAt = System.nanoTime();
			// One interval until the next check, plus the check itself (a refused connection on loopback), with room for
			// a loaded machine: the figure measured is printed.
			await().atMost(INTERVAL.multipliedBy(4)).pollInterval(Duration.ofMillis(20)).until(
					() -> this.secondary.clientUrl("chat").equals(ChatApplication.negotiate(http, appUrl, "chat").get("url")));
			System.out.printf("negotiate moved to the secondary %d ms after the primary stopped (interval %d ms, "
					+ "3 failed probes %d ms apart)%n", (System.nanoTime() - stoppedAt) / 1_000_000, INTERVAL.toMillis(),
					RETRY.toMillis());
			for (int i = 0; i < 20; i++) {
				assertThat(ChatApplication.negotiate(http, appUrl, "chat")).containsEntry("url",
						this.secondary.clientUrl("chat"));
			}
			SignalRResult sent = this.app.getBean(SignalRTemplate.class).sendToAll("chat", "message", "while east is down");
			assertThat(sent.results()).singleElement()
				.satisfies((result) -> assertThat(result.outcome()).isEqualTo(EndpointResult.Outcome.OK));

			this.primary.start();
			assertThat(this.primary.port()).as("back on its port, with its keys").isEqualTo(primaryPort);
			long restartedAt = System.nanoTime();
			await().atMost(INTERVAL.multipliedBy(4)).pollInterval(Duration.ofMillis(20)).until(
					() -> this.primary.clientUrl("chat").equals(ChatApplication.negotiate(http, appUrl, "chat").get("url")));
			System.out.printf("negotiate went back to the primary %d ms after it restarted%n",
					(System.nanoTime() - restartedAt) / 1_000_000);
			assertThat(output).contains("failed its health check").contains("is healthy again");
			LogScan.assertNoSecrets(output.getAll(), List.of(primaryKey, this.secondary.accessKey(KeyType.PRIMARY)));
		}

		@Test
		void noEndpointOnlineIsAClearServiceUnavailable(CapturedOutput output) throws Exception {
			this.primary.close();
			this.secondary.close();
			HttpClient http = HttpClient.newHttpClient();
			String appUrl = ChatApplication.url(this.app);
			await().atMost(INTERVAL.multipliedBy(4))
				.until(() -> ChatApplication.negotiate(http, appUrl, "chat").get("status").equals(503));
			Map<String, Object> answer = ChatApplication.negotiate(http, appUrl, "chat");
			// The client learns nothing of the application's endpoints; the log names them.
			assertThat((String) answer.get("error")).isEqualTo("No Azure SignalR endpoint is available");
			assertThat(answer).doesNotContainKey("accessToken");
			assertThat(output).contains(
					"No Azure SignalR endpoint is online for hub 'chat'; offline: east:primary, west:secondary");
		}

	}

	/**
	 * One endpoint, probed every 100 ms.
	 */
	@Nested
	@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off", "azure.signalr.health-check.interval=100ms",
					"azure.signalr.health-check.retry-interval=100ms" })
	@AutoConfigureSignalREmulator
	@DirtiesContext
	class SoleEndpoint {

		@Autowired
		private SignalREmulator primary;

		@Autowired
		private ConfigurableApplicationContext app;

		@Test
		void aSoleEndpointThatStopsAnsweringStaysOnline() throws Exception {
			String clientUrl = this.primary.clientUrl("chat");
			this.primary.close();
			HttpClient http = HttpClient.newHttpClient();
			String appUrl = ChatApplication.url(this.app);
			// Several intervals during which every probe, retries included, fails: the endpoint is still offered.
			Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
			Map<String, Object> answer = ChatApplication.negotiate(http, appUrl, "chat");
			assertThat(answer).containsEntry("status", 200).containsEntry("url", clientUrl);
		}

	}

}
