package io.github.springsignalr.connectionstring;

/**
 * How an application authenticates to the service, from a connection string's {@code AuthType} key.
 */
public enum AuthType {

	/** No {@code AuthType}: tokens are signed with the connection string's {@code AccessKey}. */
	ACCESS_KEY(null),

	/** {@code AuthType=azure}: Microsoft Entra ID through the default credential chain. */
	AZURE("azure"),

	/** {@code AuthType=azure.msi}: a managed identity, user-assigned when {@code ClientId} is given. */
	AZURE_MSI("azure.msi"),

	/** {@code AuthType=azure.app}: an application registration with a client secret or certificate. */
	AZURE_APP("azure.app");

	private final String value;

	AuthType(String value) {
		this.value = value;
	}

	/**
	 * The text this type has in a connection string, or {@code null} for {@link #ACCESS_KEY}, which has none.
	 */
	public String connectionStringValue() {
		return this.value;
	}

	/**
	 * Whether tokens come from Microsoft Entra ID rather than from an access key in the connection string.
	 */
	public boolean isEntra() {
		return this != ACCESS_KEY;
	}

}
