package io.github.springsignalr.entra.internal;

import java.util.List;

import io.github.springsignalr.emulator.SignalRRole;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRRestException;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.token.SignalRTokenService;
import io.github.springsignalr.emulator.junit.SignalREmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SignalRTemplate} with {@link EntraRestBearerTokenProvider} against the emulators: REST calls to an endpoint
 * using Microsoft Entra ID carry its Entra token, as .NET's do, not a token signed with the temporary key.
 */
class EntraRestCallTests {

	@RegisterExtension
	static final SignalREmulatorExtension signalr = SignalREmulatorExtension.builder().entra(true).build();

	@Test
	void restCallsCarryTheEntraToken() {
		try (EntraTestSetup setup = new EntraTestSetup(signalr)) {
			// No temporary key at all: only the Entra token can have authorised the call.
			ServiceEndpoint withoutKey = setup.endpoint();
			SignalRResult result = template(setup, withoutKey).sendToAll("chat", "message", "hello");
			assertThat(result.results()).extracting(EndpointResult::outcome)
				.containsExactly(EndpointResult.Outcome.OK);
			assertThat(setup.temporaryKeysIssued()).isZero();
			assertThat(setup.tokensIssued()).isOne();
		}
	}

	@Test
	void identityWithoutRestRoleIsRefusedOnEveryCall() {
		try (EntraTestSetup setup = new EntraTestSetup(signalr,
				(service, ids) -> service.assignEntraRoles(ids.clientId, SignalRRole.APP_SERVER))) {
			// With a temporary key in the endpoint, still the Entra token: its roles (keys, not REST) decide.
			ServiceEndpoint withKey = setup.endpoint().withAccessKey(setup.accessKeyClient().fetch(setup.endpoint()));
			assertThatExceptionOfType(SignalRRestException.class)
				.isThrownBy(() -> template(setup, withKey).sendToAll("chat", "message", "hello"))
				.satisfies((ex) -> assertThat(ex.getResult().results()).extracting(EndpointResult::status)
					.containsExactly(403));
		}
	}

	private static SignalRTemplate template(EntraTestSetup setup, ServiceEndpoint endpoint) {
		return new SignalRTemplate(new ServiceEndpointRegistry(List.of(endpoint), null), new DefaultEndpointRouter(),
				new SignalRTokenService(), RestClient.create(), null, new EntraRestBearerTokenProvider(setup.tokens),
				SignalRListener.NONE);
	}

}
