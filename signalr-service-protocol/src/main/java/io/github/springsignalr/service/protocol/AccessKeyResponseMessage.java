package io.github.springsignalr.service.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The service's answer to an {@link AccessKeyRequestMessage} ({@code [29, kid, accessKey, errorType, errorMessage,
 * ext]}).
 *
 * @param kid the key's id
 * @param accessKey the temporary access key; never printed
 * @param errorType the kind of failure (the SDK writes an exception's type name); {@code null} on success
 * @param errorMessage the failure's description; {@code null} on success
 */
public record AccessKeyResponseMessage(@Nullable String kid, @Nullable String accessKey, @Nullable String errorType,
		@Nullable String errorMessage)
		implements ServiceMessage {

	/**
	 * Whether a key is set, never the key.
	 */
	@Override
	public String toString() {
		return "AccessKeyResponseMessage[kid=" + this.kid + ", accessKey="
				+ ((this.accessKey != null) ? "(redacted)" : "null") + ", errorType=" + this.errorType
				+ ", errorMessage=" + this.errorMessage + "]";
	}

}
