package io.github.springsignalr.service.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The service reports an event about an object, e.g. a user that does not exist ({@code [22, type, id, kind, message,
 * ext]}).
 *
 * @param type the object: 0 service instance, 1 connection, 2 user, 3 group, 4 server connection
 * @param id the object's id
 * @param kind 0 reloading, 1 invalid, 2 not existed, 3 buffer full
 * @param message the service's description
 */
public record ServiceEventMessage(int type, @Nullable String id, int kind,
		@Nullable String message) implements ServiceMessage {

}
