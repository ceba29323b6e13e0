package io.github.springsignalr.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A stopped emulator answers nothing, not even on a kept-alive connection a client opened before the stop: a health
 * probe through a pooling HTTP client must see the service down, as it would see a real instance go. Started again,
 * it comes back at its address with its keys, as an instance recovering from an outage does.
 */
class EmulatorStopTests {

	@Test
	void keptAliveConnectionsAreClosedAtStop() throws Exception {
		SignalREmulator emulator = SignalREmulator.builder().port(0).build().start();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/api/health?api-version=2022-06-01"))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build();
		assertThat(http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

		emulator.close();

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> http.send(health, HttpResponse.BodyHandlers.discarding()));
	}

	@Test
	void aRestartBindsThePortAgainWithTheSameKeys() throws Exception {
		try (SignalREmulator emulator = SignalREmulator.builder().port(0).build().start()) {
			int port = emulator.port();
			String connectionString = emulator.primaryConnectionString();
			emulator.close();
			assertThat(emulator.isRunning()).isFalse();

			emulator.start();

			assertThat(emulator.port()).isEqualTo(port);
			assertThat(emulator.primaryConnectionString()).isEqualTo(connectionString);
			HttpRequest health = HttpRequest
				.newBuilder(URI.create(emulator.endpoint() + "/api/health?api-version=2022-06-01"))
				.method("HEAD", HttpRequest.BodyPublishers.noBody())
				.build();
			assertThat(HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.discarding()).statusCode())
				.isEqualTo(200);
		}
	}

}
