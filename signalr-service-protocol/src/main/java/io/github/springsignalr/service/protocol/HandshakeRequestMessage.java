package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The first message of a server connection ({@code [1, version, connectionType, target, migrationLevel, ext]}).
 *
 * @param version the protocol version the server speaks; {@link ServiceMessageEncoder#PROTOCOL_VERSION}
 * @param connectionType 0 default (carries clients), 1 on demand (opened when the service asks, may be refused), 2
 * weak (sends only; secondary endpoints)
 * @param target the service instance an on-demand connection is for; written as {@code ""} for type 0, as the SDK
 * does, and never {@code null} here since the SDK writes {@code null} as {@code ""}
 * @param migrationLevel 0 off, 1 clients move to another server when this one shuts down gracefully
 * @param allowStatefulReconnects newer SDKs' seventh item; {@code null} leaves it out, which is the released SDK's
 * six-item form every service accepts
 */
public record HandshakeRequestMessage(int version, int connectionType, @Nullable String target, int migrationLevel,
		@Nullable Boolean allowStatefulReconnects) implements ServiceMessage {

	public HandshakeRequestMessage {
		target = Objects.requireNonNullElse(target, "");
	}

	/**
	 * A default connection's request, as the SDK sends it with graceful shutdown off.
	 */
	public HandshakeRequestMessage(int version) {
		this(version, 0, "", 0, null);
	}

}
