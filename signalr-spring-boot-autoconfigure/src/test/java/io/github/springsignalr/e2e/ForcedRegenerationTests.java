package io.github.springsignalr.e2e;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.testsupport.EndToEndTest;
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
 * A forced regeneration, as Azure's rotation functions do it: the key in use is regenerated and the new connection
 * string written to the vault, before the application's next poll (ten minutes away). The next send is refused with
 * 401, the application refreshes at once, retries once with the new key, and the message arrives.
 */
@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.key-vault.refresh-interval=10m" })
@AutoConfigureSignalREmulator(keyVault = true)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest
class ForcedRegenerationTests {

	private static final EndpointId ENDPOINT = new EndpointId("", EndpointType.PRIMARY);

	@Autowired
	private KeyVaultEmulator vault;

	@Autowired
	private SignalREmulator service;

	@Autowired
	private ConfigurableApplicationContext app;

	@Test
	void aSendRefusedWith401RefreshesTheKeyAndIsRetriedOnce(CapturedOutput output) throws Exception {
		String oldKey = this.service.accessKey(KeyType.PRIMARY);
		Instant firstVersion = this.vault.secrets().get(AutoConfigureSignalREmulator.SECRET_NAME).orElseThrow().created();
		HubConnection client = HubConnectionBuilder.create(ChatApplication.url(this.app) + "/chat")
			.withHeader(ChatApplication.USER_HEADER, "alice")
			.build();
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		client.on("message", received::add, String.class);
		assertThat(client.start().blockingAwait(15, TimeUnit.SECONDS)).isTrue();
		try {
			// A rotation function runs long after the version it replaces was set. Within the same second Key Vault
			// keeps no order between versions (KeySetRolloverTests covers that case), so the new one gets its own.
			await().atMost(Duration.ofSeconds(3))
				.until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(firstVersion));
			String newKey = this.service.regenerateKey(KeyType.PRIMARY);
			this.vault.secrets().set(AutoConfigureSignalREmulator.SECRET_NAME, this.service.primaryConnectionString());
			ServiceEndpointRegistry registry = this.app.getBean(ServiceEndpointRegistry.class);
			assertThat(registry.find(ENDPOINT).orElseThrow().accessKey().id()).as("not polled yet")
				.isEqualTo(AccessKey.of(oldKey).id());

			SignalRResult toAll = this.app.getBean(SignalRTemplate.class).sendToAll("chat", "message", "after 401");
			assertThat(toAll.results()).extracting(EndpointResult::outcome).containsExactly(EndpointResult.Outcome.OK);
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("after 401");
			assertThat(registry.find(ENDPOINT).orElseThrow().accessKey().id()).isEqualTo(AccessKey.of(newKey).id());
			SignalRResult toUser = this.app.getBean(SignalRTemplate.class)
				.sendToUser("chat", "alice", "message", "with the new key");
			assertThat(toUser.succeeded()).isTrue();
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("with the new key");
			assertThat(ChatApplication.negotiate(HttpClient.newHttpClient(),
					ChatApplication.url(this.app), "chat")).containsEntry("status", 200);
			assertThat(received).isEmpty();
			assertThat(output.getAll()).contains("The service refused the key of");
			LogScan.assertNoSecrets(output.getAll(),
					List.of(oldKey, newKey, this.service.accessKey(KeyType.SECONDARY)));
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

}
