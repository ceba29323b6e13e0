package io.github.springsignalr.emulator.keyvault;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One version of a secret, as the vault holds it. Times have the vault's precision, whole seconds.
 *
 * @param name the secret's name, as first set (the vault compares names case-insensitively)
 * @param version the version id, 32 lower-case hex characters
 * @param value the secret value; never printed by {@link #toString()}
 * @param contentType the content type, or {@code null}
 * @param enabled whether the version may be read; a disabled version is still listed
 * @param notBefore the activation date ({@code nbf}), or {@code null}
 * @param expiresOn the expiry date ({@code exp}), or {@code null}
 * @param created when the version was set
 * @param updated when the version was set or its attributes last changed
 * @param tags the tags, never {@code null}
 */
public record SecretVersion(String name, String version, String value, @Nullable String contentType, boolean enabled,
		@Nullable Instant notBefore, @Nullable Instant expiresOn, Instant created, Instant updated,
		@Nullable Map<String, String> tags) {

	public SecretVersion {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(created, "created");
		Objects.requireNonNull(updated, "updated");
		tags = (tags != null) ? Map.copyOf(tags) : Map.of();
	}

	/**
	 * Whether the version is active at {@code instant} by its dates, the rule the starter applies and the vault does
	 * not. Says nothing about {@link #enabled()}.
	 */
	public boolean isActiveAt(Instant instant) {
		return (this.notBefore == null || !instant.isBefore(this.notBefore))
				&& (this.expiresOn == null || instant.isBefore(this.expiresOn));
	}

	SecretVersion withAttributes(SecretAttributes changes, Instant now) {
		return new SecretVersion(this.name, this.version, this.value,
				(changes.contentType() != null) ? changes.contentType() : this.contentType,
				(changes.enabled() != null) ? changes.enabled() : this.enabled,
				(changes.notBefore() != null) ? changes.notBefore() : this.notBefore,
				(changes.expiresOn() != null) ? changes.expiresOn() : this.expiresOn, this.created, now,
				(changes.tags() != null) ? changes.tags() : this.tags);
	}

	@Override
	public String toString() {
		return "SecretVersion[name=" + this.name + ", version=" + this.version + ", enabled=" + this.enabled
				+ ", notBefore=" + this.notBefore + ", expiresOn=" + this.expiresOn + ", value=<redacted "
				+ this.value.length() + " characters>]";
	}

}
