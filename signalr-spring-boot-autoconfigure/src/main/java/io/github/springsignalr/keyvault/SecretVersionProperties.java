package io.github.springsignalr.keyvault;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What Key Vault lists of one version of a secret: everything but its value.
 *
 * @param version the version's id
 * @param enabled whether the version may be read
 * @param notBefore its activation date ({@code nbf}), or {@code null}
 * @param expiresOn its expiry date ({@code exp}), or {@code null}
 * @param createdOn when it was set
 */
public record SecretVersionProperties(String version, boolean enabled, @Nullable Instant notBefore,
		@Nullable Instant expiresOn, Instant createdOn) {

	public SecretVersionProperties {
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(createdOn, "createdOn");
	}

	/**
	 * When the version became, or becomes, usable: its {@code nbf}, else its creation.
	 */
	public Instant activation() {
		return (this.notBefore != null) ? this.notBefore : this.createdOn;
	}

	/**
	 * Whether the version may be used at {@code instant}: enabled, activated, not expired.
	 */
	public boolean isValidAt(Instant instant) {
		return this.enabled && !activation().isAfter(instant)
				&& (this.expiresOn == null || this.expiresOn.isAfter(instant));
	}

}
