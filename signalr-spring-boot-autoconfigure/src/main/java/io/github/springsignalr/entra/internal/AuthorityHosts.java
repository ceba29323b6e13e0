package io.github.springsignalr.entra.internal;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The Microsoft Entra ID of each Azure cloud, and which one an endpoint's host belongs to. Free of azure-identity, so
 * that what only validates Microsoft Entra tokens (upstream requests) can use it without that library.
 */
public final class AuthorityHosts {

	/** The public cloud's Microsoft Entra ID, azure-identity's default. */
	public static final String AZURE_PUBLIC_CLOUD = "https://login.microsoftonline.com/";

	/** Azure China's Microsoft Entra ID. */
	public static final String AZURE_CHINA = "https://login.chinacloudapi.cn/";

	/** Azure US Government's Microsoft Entra ID. */
	public static final String AZURE_US_GOVERNMENT = "https://login.microsoftonline.us/";

	private AuthorityHosts() {
	}

	/**
	 * The Microsoft Entra ID of the cloud an endpoint's host names: Azure China for {@code *.signalr.azure.cn}, Azure
	 * US Government for {@code *.signalr.azure.us}, else {@code null} (the public cloud, or a private host).
	 */
	public static @Nullable String ofEndpoint(URI endpoint) {
		String host = (endpoint.getHost() != null) ? endpoint.getHost().toLowerCase(Locale.ROOT) : "";
		if (host.endsWith(".signalr.azure.cn")) {
			return AZURE_CHINA;
		}
		if (host.endsWith(".signalr.azure.us")) {
			return AZURE_US_GOVERNMENT;
		}
		return null;
	}

}
