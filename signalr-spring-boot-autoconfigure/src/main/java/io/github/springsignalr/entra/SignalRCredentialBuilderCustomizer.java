package io.github.springsignalr.entra;

import com.azure.identity.CredentialBuilderBase;

/**
 * Customizes the azure-identity builder of each credential that a Microsoft Entra connection string configures, after
 * the connection string's own settings: an HTTP client, a proxy, an authority host
 * ({@link com.azure.identity.AadCredentialBuilderBase#authorityHost(String)}) and the like.
 */
@FunctionalInterface
public interface SignalRCredentialBuilderCustomizer {

	/**
	 * @param builder a {@code DefaultAzureCredentialBuilder}, {@code ManagedIdentityCredentialBuilder},
	 * {@code ClientSecretCredentialBuilder} or {@code ClientCertificateCredentialBuilder}
	 */
	void customize(CredentialBuilderBase<?> builder);

}
