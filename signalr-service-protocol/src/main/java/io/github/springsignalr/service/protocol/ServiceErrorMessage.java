package io.github.springsignalr.service.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The service reports an error on this server connection; the SDK then stops writing to it but keeps reading ({@code
 * [15, errorMessage]}).
 *
 * @param errorMessage the service's description
 */
public record ServiceErrorMessage(@Nullable String errorMessage) implements ServiceMessage {

}
