package io.github.springsignalr.entra.internal;

import java.util.UUID;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.AadCredentialBuilderBase;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.entra.SignalRCredentialBuilderCustomizer;

/**
 * What a test application needs to sign in to the {@link EntraEmulator}: a credential builder customizer whose HTTP
 * client trusts the emulator's certificate (no global JVM state) and that skips instance discovery (the emulator is
 * not a known cloud). Public for the end-to-end tests' applications.
 */
public final class TrustedEntra {

	private TrustedEntra() {
	}

	public static SignalRCredentialBuilderCustomizer customizer(EntraEmulator entra) {
		return (builder) -> {
			builder.httpClient(
					new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(entra.sslContext()))
						.build());
			if (builder instanceof AadCredentialBuilderBase<?> aad) {
				aad.disableInstanceDiscovery();
			}
		};
	}

	/**
	 * A client secret shaped like Microsoft Entra ID's (40 characters with a {@code ~}), unique to the test.
	 */
	public static String newClientSecret() {
		return ("Q8~" + UUID.randomUUID().toString().replace("-", "") + "xyzab").substring(0, 40);
	}

}
