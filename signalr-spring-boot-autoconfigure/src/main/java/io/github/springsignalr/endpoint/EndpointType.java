package io.github.springsignalr.endpoint;

import java.util.Locale;

/**
 * The role of an endpoint among several. Clients negotiate to an online primary; secondaries take clients only when
 * no primary is online. Messages go to every online endpoint of either type.
 */
public enum EndpointType {

	PRIMARY,

	SECONDARY;

	/**
	 * The type named by a configuration key, in any case ({@code primary}, {@code Secondary}, …).
	 * @throws IllegalArgumentException for any other text; unlike the .NET SDK, an unknown type is not folded into
	 * the endpoint's name
	 */
	public static EndpointType fromText(String text) {
		for (EndpointType type : values()) {
			if (type.name().equalsIgnoreCase(text.trim())) {
				return type;
			}
		}
		throw new IllegalArgumentException("'" + text + "' is not an endpoint type: use primary or secondary");
	}

	/**
	 * The lower-case form used in configuration keys.
	 */
	public String text() {
		return name().toLowerCase(Locale.ROOT);
	}

}
