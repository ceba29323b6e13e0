package io.github.springsignalr.connectionstring;

/**
 * Parses connection strings as the service's .NET SDK does (its {@code ConnectionStringParser}).
 */
final class ConnectionStringParser {

	private ConnectionStringParser() {
	}

	static ConnectionString parse(String text) {
		throw new UnsupportedOperationException("not yet written");
	}

}
