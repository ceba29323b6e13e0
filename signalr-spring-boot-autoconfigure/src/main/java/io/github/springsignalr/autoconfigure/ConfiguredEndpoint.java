package io.github.springsignalr.autoconfigure;

import io.github.springsignalr.endpoint.EndpointType;
import org.jspecify.annotations.Nullable;

/**
 * One endpoint as configuration declares it, before its value is parsed.
 *
 * @param property the property, in canonical form (for example {@code azure.signalr.connection-string.west.secondary})
 * @param origin where the value came from (a file and line, an environment variable), for error messages
 * @param name the endpoint's name, {@code ""} for the unnamed one
 * @param type primary or secondary
 * @param value the connection string (or, later, a reference to one); never logged
 */
record ConfiguredEndpoint(String property, @Nullable String origin, String name, EndpointType type, String value) {

	/**
	 * The property and, when known, where it came from: what an error message should point at.
	 */
	String describe() {
		return (this.origin != null) ? "'" + this.property + "' (from " + this.origin + ")" : "'" + this.property + "'";
	}

	@Override
	public String toString() {
		return "ConfiguredEndpoint[" + describe() + ", name=" + this.name + ", type=" + this.type + "]";
	}

}
