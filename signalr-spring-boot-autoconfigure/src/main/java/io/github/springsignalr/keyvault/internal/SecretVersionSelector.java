package io.github.springsignalr.keyvault.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.springsignalr.keyvault.SecretVersionProperties;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the active version of a secret treated as a key set, as Azure's key-set rollover does: among the enabled
 * versions that are activated ({@code nbf}, else creation, not after now), not expired and not refused, the most
 * recently activated wins. A version without dates is never expired and activated at its creation, so it is the
 * safety net once every newer dated version has expired, and a plain new version (no dates) takes over as "latest"
 * does in Key Vault.
 * <p>
 * Ties on activation go to the version created last. Key Vault's dates have whole seconds, so two versions set
 * within one second tie on both, and Key Vault documents no order of its listing: such a tie goes to the greatest
 * version id (compared as text). That choice is arbitrary but the same on every instance and at every poll, whatever
 * order the vault lists in. A refused version (its value does not parse) is left out, so among tied versions one that
 * parses wins; {@link #tiedWith} tells the caller that a tie had to be broken.
 * <p>
 * Pure functions of the versions and an instant, so that the rules can be tested as a table.
 */
public final class SecretVersionSelector {

	private static final Comparator<SecretVersionProperties> BY_ACTIVATION = Comparator
		.comparing(SecretVersionProperties::activation)
		.thenComparing(SecretVersionProperties::createdOn)
		.thenComparing(SecretVersionProperties::version);

	private SecretVersionSelector() {
	}

	/**
	 * The version active at {@code now}, or empty when none is valid (every enabled version is expired or not yet
	 * active).
	 */
	public static Optional<SecretVersionProperties> active(Collection<SecretVersionProperties> versions, Instant now) {
		return active(versions, now, Set.of());
	}

	/**
	 * The version active at {@code now} once the {@code refused} versions are left out, or empty when none is left.
	 * @param refused ids of versions whose value was refused
	 */
	public static Optional<SecretVersionProperties> active(Collection<SecretVersionProperties> versions, Instant now,
			Set<String> refused) {
		return versions.stream()
			.filter((version) -> version.isValidAt(now) && !refused.contains(version.version()))
			.max(BY_ACTIVATION);
	}

	/**
	 * The versions valid at {@code now} that tie with {@code chosen} on activation and creation, refused ones
	 * included and {@code chosen} itself among them: more than one means the choice was made by the tie rules.
	 */
	public static List<SecretVersionProperties> tiedWith(Collection<SecretVersionProperties> versions,
			SecretVersionProperties chosen, Instant now) {
		return versions.stream()
			.filter((version) -> version.isValidAt(now) && version.activation().equals(chosen.activation())
					&& version.createdOn().equals(chosen.createdOn()))
			.sorted(BY_ACTIVATION)
			.toList();
	}

	/**
	 * The first instant after {@code now} at which the choice may change: the nearest future activation or expiry of
	 * an enabled version. That is when a staged version takes over, or the active one lapses.
	 */
	public static Optional<Instant> nextChange(Collection<SecretVersionProperties> versions, Instant now) {
		return nextChange(versions, now, Set.of());
	}

	/**
	 * The first instant after {@code now} at which the choice may change, the {@code refused} versions left out.
	 */
	public static Optional<Instant> nextChange(Collection<SecretVersionProperties> versions, Instant now,
			Set<String> refused) {
		Instant next = null;
		for (SecretVersionProperties version : versions) {
			if (!version.enabled() || refused.contains(version.version())) {
				continue;
			}
			next = earliestAfter(next, version.activation(), now);
			next = earliestAfter(next, version.expiresOn(), now);
		}
		return Optional.ofNullable(next);
	}

	private static Instant earliestAfter(Instant current, @Nullable Instant candidate, Instant now) {
		if (candidate == null || !candidate.isAfter(now)) {
			return current;
		}
		return (current == null || candidate.isBefore(current)) ? candidate : current;
	}

}
