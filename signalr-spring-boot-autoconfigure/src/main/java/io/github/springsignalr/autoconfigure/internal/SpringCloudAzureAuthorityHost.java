package io.github.springsignalr.autoconfigure.internal;

import java.util.Locale;

import io.github.springsignalr.entra.internal.AuthorityHosts;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * The Microsoft Entra ID an application's Spring Cloud Azure settings name, read the same way for the credentials
 * that sign in and for the tokens upstream requests are checked with.
 */
public final class SpringCloudAzureAuthorityHost {

	/** Spring Cloud Azure's authority host. */
	public static final String AUTHORITY_HOST = "spring.cloud.azure.profile.environment.active-directory-endpoint";

	/** Spring Cloud Azure's cloud type. */
	public static final String CLOUD_TYPE = "spring.cloud.azure.profile.cloud-type";

	private SpringCloudAzureAuthorityHost() {
	}

	/**
	 * {@value #AUTHORITY_HOST} when set, else the authority host of {@value #CLOUD_TYPE} {@code azure_china} or
	 * {@code azure_us_government}, else {@code null} (the endpoint's cloud decides).
	 */
	public static @Nullable String of(Binder binder) {
		String authorityHost = binder.bind(AUTHORITY_HOST, String.class).orElse(null);
		if (authorityHost != null) {
			return authorityHost;
		}
		String cloudType = binder.bind(CLOUD_TYPE, String.class).orElse("").toLowerCase(Locale.ROOT).replace('-', '_');
		return switch (cloudType) {
			case "azure_china" -> AuthorityHosts.AZURE_CHINA;
			case "azure_us_government" -> AuthorityHosts.AZURE_US_GOVERNMENT;
			default -> null;
		};
	}

}
