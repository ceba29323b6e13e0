package io.github.springsignalr.emulator.keyvault;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a set or an update may carry besides the value: the vault's attributes ({@code enabled}, {@code nbf},
 * {@code exp}) and the version's content type and tags. A {@code null} component is left out: on a set it takes the
 * vault's default (enabled, no dates), on an update it leaves the version as it is.
 *
 * @param enabled whether the version may be read
 * @param notBefore the activation date ({@code nbf}); informational, the vault still returns the version before it
 * @param expiresOn the expiry date ({@code exp}); informational, the vault still returns the version after it
 * @param contentType the content type, free text
 * @param tags the tags; on an update they replace the previous tags as a whole
 */
public record SecretAttributes(@Nullable Boolean enabled, @Nullable Instant notBefore, @Nullable Instant expiresOn,
		@Nullable String contentType, @Nullable Map<String, String> tags) {

	private static final SecretAttributes NONE = new SecretAttributes(null, null, null, null, null);

	public SecretAttributes {
		tags = (tags != null) ? Map.copyOf(tags) : null;
	}

	/**
	 * No attributes: a set with these makes an enabled version without dates, an update with these changes nothing
	 * but the version's {@code updated} time.
	 */
	public static SecretAttributes none() {
		return NONE;
	}

	public SecretAttributes withEnabled(boolean enabled) {
		return new SecretAttributes(enabled, this.notBefore, this.expiresOn, this.contentType, this.tags);
	}

	public SecretAttributes withNotBefore(Instant notBefore) {
		return new SecretAttributes(this.enabled, notBefore, this.expiresOn, this.contentType, this.tags);
	}

	public SecretAttributes withExpiresOn(Instant expiresOn) {
		return new SecretAttributes(this.enabled, this.notBefore, expiresOn, this.contentType, this.tags);
	}

	public SecretAttributes withContentType(String contentType) {
		return new SecretAttributes(this.enabled, this.notBefore, this.expiresOn, contentType, this.tags);
	}

	public SecretAttributes withTags(Map<String, String> tags) {
		return new SecretAttributes(this.enabled, this.notBefore, this.expiresOn, this.contentType, tags);
	}

}
