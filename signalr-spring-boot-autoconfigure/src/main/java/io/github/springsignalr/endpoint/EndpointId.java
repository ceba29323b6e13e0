package io.github.springsignalr.endpoint;

import java.util.Objects;

/**
 * What identifies an endpoint in the registry: its name and its type. A name may carry one primary and one secondary
 * (as {@code azure.signalr.connection-string.west.primary} and {@code ….west.secondary} declare them).
 *
 * @param name the endpoint's name; {@code ""} for the one unnamed endpoint
 * @param type the endpoint's type
 */
public record EndpointId(String name, EndpointType type) {

	public EndpointId {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
	}

	/**
	 * {@code name:type}, as the .NET SDK writes an endpoint's key; {@code (unnamed):primary} for the unnamed one.
	 */
	@Override
	public String toString() {
		return (this.name.isEmpty() ? "(unnamed)" : this.name) + ":" + this.type.text();
	}

}
