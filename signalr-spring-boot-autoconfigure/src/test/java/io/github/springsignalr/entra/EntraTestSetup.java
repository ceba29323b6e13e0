package io.github.springsignalr.entra;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.SignalRRole;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.endpoint.ServiceEndpoint;

/**
 * A Microsoft Entra ID emulator with one application, a SignalR emulator trusting it, and the library pieces wired to
 * them, for the tests of this package.
 */
final class EntraTestSetup implements AutoCloseable {

	final String tenantId = UUID.randomUUID().toString();

	final String clientId = UUID.randomUUID().toString();

	final String clientSecret = TrustedEntra.newClientSecret();

	final EntraEmulator entra;

	final SignalREmulator service;

	final EntraTokens tokens;

	EntraTestSetup() {
		this((builder, setup) -> {
		});
	}

	/**
	 * @param serviceSettings applied to the SignalR emulator's builder; the setup's ids are already there
	 */
	EntraTestSetup(BiConsumer<SignalREmulator.Builder, EntraTestSetup> serviceSettings) {
		this.entra = EntraEmulator.start(0).registerApplication(this.tenantId, this.clientId, this.clientSecret);
		// The role a serverless application needs (REST and keys); a test's settings may assign others instead.
		SignalREmulator.Builder builder = SignalREmulator.builder()
			.port(0)
			.entra(this.entra)
			.entraRoles(this.clientId, SignalRRole.SERVICE_OWNER);
		serviceSettings.accept(builder, this);
		this.service = builder.build().start();
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

	@Override
	public void close() {
		this.service.close();
		this.entra.close();
	}

}
