package io.github.springsignalr.test;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.CredentialBuilderBase;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.entra.SignalRCredentialBuilderCustomizer;

/**
 * The credentials' customizer of {@link AutoConfigureSignalREmulator#entra()}: their HTTP client trusts the Microsoft
 * Entra ID emulator's self-signed certificate (no JVM-wide state), and they skip instance discovery, the emulator
 * being no known cloud.
 */
final class EntraEmulatorTrust implements SignalRCredentialBuilderCustomizer {

	private final EntraEmulator entra;

	EntraEmulatorTrust(EntraEmulator entra) {
		this.entra = entra;
	}

	@Override
	public void customize(CredentialBuilderBase<?> builder) {
		builder.httpClient(
				new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(this.entra.sslContext()))
					.build());
		if (builder instanceof AadCredentialBuilderBase<?> aad) {
			aad.disableInstanceDiscovery();
		}
	}

}
