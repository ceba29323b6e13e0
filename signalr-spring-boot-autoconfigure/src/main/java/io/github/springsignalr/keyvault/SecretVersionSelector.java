package io.github.springsignalr.keyvault;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Chooses the active version of a secret treated as a key set, as Azure's key-set rollover does: among the enabled
 * versions that are activated ({@code nbf}, else creation, not after now) and not expired, the most recently activated
 * wins. A version without dates is never expired and activated at its creation, so it is the safety net once every
 * newer dated version has expired, and a plain new version (no dates) takes over as "latest" does in Key Vault. Ties
 * go to the version created last; Key Vault's dates have whole seconds, so two versions set within one second tie on
 * both, and then the one listed last wins (Key Vault lists versions in the order they were set).
 * <p>
 * Pure functions of the versions and an instant, so that the rules can be tested as a table.
 */
public final class SecretVersionSelector {

	private static final Comparator<SecretVersionProperties> BY_ACTIVATION = Comparator
		.comparing(SecretVersionProperties::activation)
		.thenComparing(SecretVersionProperties::createdOn);

	private SecretVersionSelector() {
	}

	/**
	 * The version active at {@code now}, or empty when none is valid (every enabled version is expired or not yet
	 * active).
	 */
	public static Optional<SecretVersionProperties> active(Collection<SecretVersionProperties> versions, Instant now) {
		SecretVersionProperties active = null;
		for (SecretVersionProperties version : versions) {
			// Not Stream.max, which keeps the first of equals: on a tie the version listed last wins.
			if (version.isValidAt(now) && (active == null || BY_ACTIVATION.compare(version, active) >= 0)) {
				active = version;
			}
		}
		return Optional.ofNullable(active);
	}

	/**
	 * The first instant after {@code now} at which the choice may change: the nearest future activation or expiry of
	 * an enabled version. That is when a staged version takes over, or the active one lapses.
	 */
	public static Optional<Instant> nextChange(Collection<SecretVersionProperties> versions, Instant now) {
		Instant next = null;
		for (SecretVersionProperties version : versions) {
			if (!version.enabled()) {
				continue;
			}
			next = earliestAfter(next, version.activation(), now);
			next = earliestAfter(next, version.expiresOn(), now);
		}
		return Optional.ofNullable(next);
	}

	private static Instant earliestAfter(Instant current, Instant candidate, Instant now) {
		if (candidate == null || !candidate.isAfter(now)) {
			return current;
		}
		return (current == null || candidate.isBefore(current)) ? candidate : current;
	}

}
