package io.github.springsignalr.rest;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link SignalRTemplate}'s existence checks make of a 404, against a real HTTP server: "not there" only with
 * the {@code x-ms-error-code} the .NET SDK's {@code RestHubLifetimeManager} expects for that check; any other 404
 * (a wrong {@code ServerEndpoint} path, a proxy, a gateway) is an error, never a "no".
 */
class SignalRTemplateNotFoundTests {

	private final RecordingRestServer server = new RecordingRestServer();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void notFoundWithTheServicesCodeIsNo() {
		SignalRTemplate template = SignalRTemplateAddressingTests.template(this.server);
		this.server.answer(404, Map.of("x-ms-error-code", "Warning.Connection.NotExisted"));
		assertThat(template.connectionExists("chat", "c1")).isFalse();
		this.server.answer(404, Map.of("x-ms-error-code", "Warning.User.NotExisted"));
		assertThat(template.userExists("chat", "u")).isFalse();
		this.server.answer(404, Map.of("x-ms-error-code", "warning.group.notexisted"));
		assertThat(template.groupExists("chat", "g")).as("compared without regard to case, as .NET does").isFalse();
	}

	@Test
	void bareNotFoundIsAnError() {
		this.server.answer(404, Map.of());
		SignalRTemplate template = SignalRTemplateAddressingTests.template(this.server);
		assertThatExceptionOfType(SignalRRestException.class)
			.isThrownBy(() -> template.connectionExists("chat", "c1"))
			.satisfies((ex) -> assertThat(ex.getResult().results()).singleElement()
				.satisfies((result) -> assertThat(result.status()).isEqualTo(404))
				.satisfies((result) -> assertThat(result.outcome()).isEqualTo(EndpointResult.Outcome.FAILED)));
		assertThatExceptionOfType(SignalRRestException.class).isThrownBy(() -> template.userExists("chat", "u"));
		assertThatExceptionOfType(SignalRRestException.class).isThrownBy(() -> template.groupExists("chat", "g"));
	}

	@Test
	void notFoundWithAnotherChecksCodeIsAnError() {
		this.server.answer(404, Map.of("x-ms-error-code", "Warning.User.NotExisted"));
		SignalRTemplate template = SignalRTemplateAddressingTests.template(this.server);
		assertThatExceptionOfType(SignalRRestException.class)
			.isThrownBy(() -> template.connectionExists("chat", "c1"));
	}

	@Test
	void okIsYes() {
		this.server.answer(200, Map.of());
		assertThat(SignalRTemplateAddressingTests.template(this.server).connectionExists("chat", "c1")).isTrue();
	}

	@Test
	void bareNotFoundOnASendIsAFailure() {
		this.server.answer(404, Map.of());
		assertThatExceptionOfType(SignalRRestException.class).isThrownBy(
				() -> SignalRTemplateAddressingTests.template(this.server).sendToConnection("chat", "c1", "m"));
	}

}
