package io.github.springsignalr.connectionstring;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The keys a connection string may hold, spelled as the service's documentation spells them. Keys are matched
 * case-insensitively; {@link #CLIENT_CERT_PATH} also answers to {@code ClientCert}, the spelling the .NET SDK reads.
 */
enum ConnectionStringKey {

	ENDPOINT("Endpoint"),

	ACCESS_KEY("AccessKey"),

	VERSION("Version"),

	PORT("Port"),

	CLIENT_ENDPOINT("ClientEndpoint"),

	SERVER_ENDPOINT("ServerEndpoint"),

	AUTH_TYPE("AuthType"),

	CLIENT_ID("ClientId"),

	TENANT_ID("TenantId"),

	CLIENT_SECRET("ClientSecret"),

	CLIENT_CERT_PATH("ClientCertPath", "ClientCert");

	private final String documentedName;

	private final String[] names;

	ConnectionStringKey(String documentedName, String... aliases) {
		this.documentedName = documentedName;
		this.names = new String[aliases.length + 1];
		this.names[0] = documentedName.toLowerCase(Locale.ROOT);
		for (int i = 0; i < aliases.length; i++) {
			this.names[i + 1] = aliases[i].toLowerCase(Locale.ROOT);
		}
	}

	/**
	 * The key as the documentation spells it: what errors name and what a generated string writes.
	 */
	String documentedName() {
		return this.documentedName;
	}

	/**
	 * The key a segment's name stands for, ignoring case, or {@code null} for a key the service does not define.
	 */
	static @Nullable ConnectionStringKey fromName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (ConnectionStringKey key : values()) {
			for (String candidate : key.names) {
				if (candidate.equals(lower)) {
					return key;
				}
			}
		}
		return null;
	}

}
