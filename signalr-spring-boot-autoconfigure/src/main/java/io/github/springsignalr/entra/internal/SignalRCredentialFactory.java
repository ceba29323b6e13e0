package io.github.springsignalr.entra.internal;

import java.util.List;
import java.util.Locale;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.CredentialBuilderBase;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.entra.SignalRCredentialBuilderCustomizer;
import org.jspecify.annotations.Nullable;

/**
 * Makes the azure-identity credential a connection string's {@code AuthType} names, as the .NET SDK does:
 * <ul>
 * <li>{@code azure}: the default credential chain; the application's own default credential when it has one (Spring
 * Cloud Azure's, configured by {@code spring.cloud.azure.credential.*}), since the connection string carries none;</li>
 * <li>{@code azure.msi}: a managed identity, the user-assigned one {@code ClientId} names, else the system-assigned
 * one;</li>
 * <li>{@code azure.app}: the application {@code ClientId} of tenant {@code TenantId}, with its {@code ClientSecret},
 * else its certificate at {@code ClientCertPath} (PKCS#12 when the file ends in {@code .pfx} or {@code .p12}, else
 * PEM).</li>
 * </ul>
 * Microsoft Entra ID is reached at the authority host given, else at the one of the endpoint's cloud (Azure China for
 * {@code *.signalr.azure.cn}, Azure US Government for {@code *.signalr.azure.us}), else at azure-identity's default
 * (the public cloud, or {@code AZURE_AUTHORITY_HOST}).
 */
public class SignalRCredentialFactory {

	/** Azure China's Microsoft Entra ID. */
	public static final String AZURE_CHINA = AuthorityHosts.AZURE_CHINA;

	/** Azure US Government's Microsoft Entra ID. */
	public static final String AZURE_US_GOVERNMENT = AuthorityHosts.AZURE_US_GOVERNMENT;

	private final @Nullable String authorityHost;

	private final @Nullable TokenCredential defaultCredential;

	private final List<SignalRCredentialBuilderCustomizer> customizers;

	/**
	 * @param authorityHost the Microsoft Entra ID to sign in to, e.g. {@code https://login.microsoftonline.com/};
	 * {@code null} to follow the endpoint's cloud
	 * @param defaultCredential the credential for {@code AuthType=azure}; {@code null} for a new default chain
	 * @param customizers applied in order to every builder, after the connection string's settings
	 */
	public SignalRCredentialFactory(@Nullable String authorityHost, @Nullable TokenCredential defaultCredential,
			List<SignalRCredentialBuilderCustomizer> customizers) {
		this.authorityHost = (authorityHost != null && !authorityHost.isBlank()) ? authorityHost : null;
		this.defaultCredential = defaultCredential;
		this.customizers = List.copyOf(customizers);
	}

	/**
	 * The credential of a Microsoft Entra connection string.
	 * @throws IllegalArgumentException when the connection string uses an access key
	 */
	public TokenCredential create(ConnectionString connectionString) {
		return switch (connectionString.authType()) {
			case AZURE -> (this.defaultCredential != null) ? this.defaultCredential
					: build(connectionString, new DefaultAzureCredentialBuilder());
			case AZURE_MSI -> build(connectionString,
					new ManagedIdentityCredentialBuilder().clientId(connectionString.clientId()));
			case AZURE_APP -> build(connectionString, application(connectionString));
			case ACCESS_KEY -> throw new IllegalArgumentException(
					"A connection string with an AccessKey and no AuthType needs no Microsoft Entra credential");
		};
	}

	/**
	 * The authority host used for a connection string's credential, {@code null} for azure-identity's default.
	 */
	public @Nullable String authorityHost(ConnectionString connectionString) {
		if (this.authorityHost != null) {
			return this.authorityHost;
		}
		return AuthorityHosts.ofEndpoint(connectionString.endpoint());
	}

	private static CredentialBuilderBase<?> application(ConnectionString connectionString) {
		if (connectionString.clientSecret() != null) {
			return new ClientSecretCredentialBuilder().tenantId(connectionString.tenantId())
				.clientId(connectionString.clientId())
				.clientSecret(connectionString.clientSecret());
		}
		ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder()
			.tenantId(connectionString.tenantId())
			.clientId(connectionString.clientId());
		String path = connectionString.clientCertPath();
		String lowerCase = path.toLowerCase(Locale.ROOT);
		return (lowerCase.endsWith(".pfx") || lowerCase.endsWith(".p12")) ? builder.pfxCertificate(path)
				: builder.pemCertificate(path);
	}

	private TokenCredential build(ConnectionString connectionString, CredentialBuilderBase<?> builder) {
		String host = authorityHost(connectionString);
		if (host != null) {
			if (builder instanceof AadCredentialBuilderBase<?> aad) {
				aad.authorityHost(host);
			}
			else if (builder instanceof DefaultAzureCredentialBuilder chain) {
				chain.authorityHost(host);
			}
		}
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		if (builder instanceof DefaultAzureCredentialBuilder chain) {
			return chain.build();
		}
		if (builder instanceof ManagedIdentityCredentialBuilder managedIdentity) {
			return managedIdentity.build();
		}
		if (builder instanceof ClientSecretCredentialBuilder secret) {
			return secret.build();
		}
		return ((ClientCertificateCredentialBuilder) builder).build();
	}

	@Override
	public String toString() {
		return "SignalRCredentialFactory[authorityHost=" + ((this.authorityHost != null) ? this.authorityHost
				: "per endpoint") + ", defaultCredential=" + ((this.defaultCredential != null) ? "application's"
						: "default chain") + "]";
	}

}
