package io.github.springsignalr.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Upstream requests across the keys of an endpoint: an application configured with the secondary key accepts the
 * service's events as one with the primary does, and during a rotation (the application switched to the other key,
 * then the old one regenerated) every genuine event is accepted, including one signed with the old key only, until
 * the old key is safe to regenerate; after that, the old key no longer opens the door.
 */
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest
class UpstreamKeyRotationTests {

	private static final EndpointId ENDPOINT = new EndpointId("", EndpointType.PRIMARY);

	/** Matches {@code azure.signalr.access-token-lifetime} of the applications below. */
	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(6);

	/**
	 * The application holds the secondary key.
	 */
	@Nested
	@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off", "azure.signalr.access-token-lifetime=6s",
					"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug",
					// The application's endpoint changes keys only when the test changes them.
					"azure.signalr.reload.enabled=false" })
	@AutoConfigureSignalREmulator(upstream = "/signalr/upstream/{hub}/{category}/{event}", key = KeyType.SECONDARY)
	@DirtiesContext
	class ConfiguredWithTheSecondaryKey {

		@Autowired
		private SignalREmulator service;

		@Autowired
		private ConfigurableApplicationContext app;

		private HubConnection client;

		@AfterEach
		void disconnect() {
			if (this.client != null) {
				this.client.stop().blockingAwait(10, TimeUnit.SECONDS);
			}
		}

		@Test
		void applicationWithTheSecondaryKeyAcceptsTheServicesEvents(CapturedOutput output) throws Exception {
			String appUrl = ChatApplication.url(this.app);
			ChatEvents events = this.app.getBean(ChatEvents.class);
			this.client = UpstreamEndToEndTests.connect(appUrl, "carol");
			String connectionId = this.client.getConnectionId();
			assertThat(events.next("connected", connectionId)).as("the connected event").isNotNull();
			assertThat(this.client.invoke(String.class, "echo", "hi").blockingGet()).isEqualTo("hi!");
			assertThat(UpstreamRequest.echo("chat", connectionId, "carol")
				.signedWith(this.service.accessKey(KeyType.SECONDARY))
				.send(appUrl)
				.statusCode()).isEqualTo(200);
			assertThat(UpstreamRequest.echo("chat", connectionId, "carol")
				.signedWith(this.service.accessKey(KeyType.PRIMARY))
				.send(appUrl)
				.statusCode()).as("signed with the key the application does not hold").isEqualTo(401);
			LogScan.assertNoSecrets(output.getAll(),
					List.of(this.service.accessKey(KeyType.PRIMARY), this.service.accessKey(KeyType.SECONDARY)));
		}

	}

	/**
	 * The application holds the primary key, then rotates to the secondary.
	 */
	@Nested
	@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off", "azure.signalr.access-token-lifetime=6s",
					"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug",
					// The application's endpoint changes keys only when the test changes them.
					"azure.signalr.reload.enabled=false" })
	@AutoConfigureSignalREmulator(upstream = "/signalr/upstream/{hub}/{category}/{event}", key = KeyType.PRIMARY)
	@DirtiesContext
	class ConfiguredWithThePrimaryKey {

		@Autowired
		private SignalREmulator service;

		@Autowired
		private ConfigurableApplicationContext app;

		private HubConnection client;

		@AfterEach
		void disconnect() {
			if (this.client != null) {
				this.client.stop().blockingAwait(10, TimeUnit.SECONDS);
			}
		}

		@Test
		void everyGenuineEventIsAcceptedDuringARotationAndTheOldKeyOnlyWithinItsGrace(CapturedOutput output)
				throws Exception {
			String appUrl = ChatApplication.url(this.app);
			ChatEvents events = this.app.getBean(ChatEvents.class);
			this.client = UpstreamEndToEndTests.connect(appUrl, "dave");
			String connectionId = this.client.getConnectionId();
			assertThat(events.next("connected", connectionId)).isNotNull();
			String oldPrimary = this.service.accessKey(KeyType.PRIMARY);

			// Step 1 and 3 of the two-key procedure: the application switches to the secondary, the primary is regenerated.
			this.app.getBean(ServiceEndpointRegistry.class)
				.update(ENDPOINT, (endpoint) -> endpoint
					.withConnectionString(ConnectionString.parse(this.service.secondaryConnectionString())));
			this.service.regenerateKey(KeyType.PRIMARY);
			KeyRotationStatus status = this.app.getBean(KeyRotationStatus.class);
			assertThat(status.get(ENDPOINT).orElseThrow().isPreviousKeySafeToRegenerate(Instant.now()))
				.as("still within the old key's grace").isFalse();
			assertThat(
					UpstreamRequest.echo("chat", connectionId, "dave").signedWith(oldPrimary).send(appUrl).statusCode())
				.as("an event signed with the old key only, within its grace")
				.isEqualTo(200);

			// The service's events, now signed with the new primary and the secondary, for an open and a new connection.
			assertThat(this.client.invoke(String.class, "echo", "during").blockingGet()).isEqualTo("during!");
			HubConnection second = UpstreamEndToEndTests.connect(appUrl, "erin");
			try {
				assertThat(events.next("connected", second.getConnectionId())).isNotNull();
				assertThat(second.invoke(String.class, "echo", "new").blockingGet()).isEqualTo("new!");
			}
			finally {
				second.stop().blockingAwait(10, TimeUnit.SECONDS);
			}

			await().atMost(TOKEN_LIFETIME.plusSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> status.get(ENDPOINT).orElseThrow().isPreviousKeySafeToRegenerate(Instant.now()));
			assertThat(
					UpstreamRequest.echo("chat", connectionId, "dave").signedWith(oldPrimary).send(appUrl).statusCode())
				.as("the old key only, once safe to regenerate")
				.isEqualTo(401);
			assertThat(this.client.invoke(String.class, "echo", "after").blockingGet()).isEqualTo("after!");
			LogScan.assertNoSecrets(output.getAll(), List.of(oldPrimary, this.service.accessKey(KeyType.PRIMARY),
					this.service.accessKey(KeyType.SECONDARY)));
		}

	}

}
