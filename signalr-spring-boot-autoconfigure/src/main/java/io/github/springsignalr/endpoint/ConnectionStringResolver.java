package io.github.springsignalr.endpoint;

/**
 * Turns a configured value that is not a connection string itself, but a reference to one (a Key Vault reference,
 * for example), into the connection string, once, when the endpoints are created. Values no resolver claims are
 * parsed as connection strings.
 */
public interface ConnectionStringResolver {

	/**
	 * Whether {@code value} is a reference this resolver resolves. Cheap, no remote call; never logs the value.
	 */
	boolean canResolve(String value);

	/**
	 * Fetches the connection string {@code value} refers to.
	 * @param endpoint the endpoint the value configures
	 * @param value a value {@link #canResolve(String) this resolver resolves}
	 * @throws ConnectionStringResolutionException when the reference is malformed or cannot be fetched; its message
	 * names the reference, never a secret
	 */
	ResolvedConnectionString resolve(EndpointId endpoint, String value);

}
