package io.github.springsignalr.actuate.internal;

import io.github.springsignalr.endpoint.EndpointId;

/**
 * How operators' tools name an endpoint: {@code name-type} ({@code east-primary}), the unnamed endpoint by its type
 * alone ({@code primary}). The health components and the meters' {@code endpoint} tag use the same names, so that
 * one can be matched with the other.
 */
final class EndpointNames {

	private EndpointNames() {
	}

	/**
	 * The name of an endpoint.
	 */
	public static String of(EndpointId id) {
		String type = id.type().text();
		return id.name().isEmpty() ? type : id.name() + "-" + type;
	}

}
