package io.github.springsignalr.test;

import java.util.UUID;

/**
 * The application that {@link AutoConfigureSignalREmulator#entra()} registers in the Microsoft Entra ID emulator, with
 * fresh ids and a client secret shaped like Microsoft Entra ID's. {@link #toString()} leaves out the secret.
 *
 * @param tenantId the tenant
 * @param clientId the application's client id
 * @param clientSecret the application's client secret
 */
public record EmulatedEntraApplication(String tenantId, String clientId, String clientSecret) {

	static EmulatedEntraApplication random() {
		// 40 characters with a '~', as Microsoft Entra ID's secrets are.
		String secret = ("Q8~" + UUID.randomUUID().toString().replace("-", "") + "xyzab").substring(0, 40);
		return new EmulatedEntraApplication(UUID.randomUUID().toString(), UUID.randomUUID().toString(), secret);
	}

	@Override
	public String toString() {
		return "EmulatedEntraApplication[tenantId=" + this.tenantId + ", clientId=" + this.clientId + "]";
	}

}
