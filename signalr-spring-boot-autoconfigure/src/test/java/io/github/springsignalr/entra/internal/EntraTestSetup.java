package io.github.springsignalr.entra.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.SignalRRole;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorExtension;
import io.github.springsignalr.endpoint.ServiceEndpoint;

/**
 * One test's application, registered in the Microsoft Entra ID emulator of a {@link SignalREmulatorExtension} (with
 * {@code entra(true)}) and given roles by its SignalR emulator, and the library pieces wired to them, for the tests of
 * this package. The emulators are the test class's; the counts here are this test's. Closed, it starts the SignalR
 * emulator again if the test stopped it.
 */
final class EntraTestSetup implements AutoCloseable {

	final String tenantId = UUID.randomUUID().toString();

	final String clientId = UUID.randomUUID().toString();

	final String clientSecret = TrustedEntra.newClientSecret();

	final EntraEmulator entra;

	final SignalREmulator service;

	final EntraTokens tokens;

	private final int temporaryKeysBefore;

	private final int tokensBefore;

	EntraTestSetup(SignalREmulatorExtension emulators) {
		this(emulators, (service, setup) -> {
		});
	}

	/**
	 * @param roles assigns this test's application other roles than SignalR Service Owner, the role a serverless
	 * application needs (REST and keys)
	 */
	EntraTestSetup(SignalREmulatorExtension emulators, BiConsumer<SignalREmulator, EntraTestSetup> roles) {
		this.entra = emulators.entra().registerApplication(this.tenantId, this.clientId, this.clientSecret);
		this.service = emulators.emulator();
		this.service.assignEntraRoles(this.clientId, SignalRRole.SERVICE_OWNER);
		roles.accept(this.service, this);
		this.temporaryKeysBefore = this.service.temporaryKeysIssued();
		this.tokensBefore = this.entra.tokensIssued();
		this.tokens = new EntraTokens(new SignalRCredentialFactory(this.entra.authorityHost().toString(), null,
				List.of(TrustedEntra.customizer(this.entra))));
	}

	ServiceEndpoint endpoint() {
		return ServiceEndpoint.of(this.service.entraConnectionString(this.tenantId, this.clientId, this.clientSecret));
	}

	ServiceEndpoint endpointWithSecret(String secret) {
		return ServiceEndpoint.of(this.service.entraConnectionString(this.tenantId, this.clientId, secret));
	}

	EntraAccessKeyClient accessKeyClient() {
		return new EntraAccessKeyClient(this.tokens,
				java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
				Duration.ofSeconds(5));
	}

	/**
	 * The temporary keys the SignalR emulator handed out during this test.
	 */
	int temporaryKeysIssued() {
		return this.service.temporaryKeysIssued() - this.temporaryKeysBefore;
	}

	/**
	 * The tokens the Microsoft Entra ID emulator issued during this test.
	 */
	int tokensIssued() {
		return this.entra.tokensIssued() - this.tokensBefore;
	}

	@Override
	public void close() {
		if (!this.service.isRunning()) {
			this.service.start();
		}
	}

}
