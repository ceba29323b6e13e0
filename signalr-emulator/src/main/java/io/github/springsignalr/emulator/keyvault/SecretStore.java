package io.github.springsignalr.emulator.keyvault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The vault's secrets, shared by the HTTP API and by in-process callers (tests, the rotation script). Operations
 * mirror the HTTP API, with one difference: reads here return disabled versions too, since the caller is the vault's
 * owner rather than a client; the HTTP layer refuses them as the vault does.
 * <p>
 * Names are compared case-insensitively, as the vault does. Every set makes a new version; the latest version is the
 * one set last, whatever its attributes.
 */
public final class SecretStore {

	private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");

	/** The soft-delete retention of a vault created with the portal's defaults. */
	static final int RECOVERABLE_DAYS = 90;

	private final Clock clock;

	private final Object lock = new Object();

	/** Versions in the order they were set, by lower-cased name. */
	private final Map<String, List<SecretVersion>> secrets = new HashMap<>();

	private final Map<String, DeletedSecret> deleted = new HashMap<>();

	SecretStore(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Whether {@code name} is a valid secret name: 1 to 127 letters, digits and dashes.
	 */
	public static boolean isValidName(String name) {
		return name != null && NAME.matcher(name).matches();
	}

	/**
	 * Sets a new, enabled version without dates.
	 * @see #set(String, String, SecretAttributes)
	 */
	public SecretVersion set(String name, String value) {
		return set(name, value, SecretAttributes.none());
	}

	/**
	 * Sets a new version of {@code name}, creating the secret if needed. The new version becomes the latest.
	 * @throws IllegalArgumentException if the name is not valid
	 * @throws IllegalStateException if a secret of that name is deleted but not purged, as the vault refuses it
	 */
	public SecretVersion set(String name, String value, SecretAttributes attributes) {
		if (!isValidName(name)) {
			throw new IllegalArgumentException("A secret name is 1 to 127 letters, digits and dashes, got '" + name + "'");
		}
		Instant now = now();
		synchronized (this.lock) {
			String key = key(name);
			if (this.deleted.containsKey(key)) {
				throw new IllegalStateException("Secret '" + name + "' is deleted but recoverable: purge it first");
			}
			List<SecretVersion> versions = this.secrets.computeIfAbsent(key, (k) -> new ArrayList<>());
			String storedName = versions.isEmpty() ? name : versions.get(0).name();
			SecretVersion created = new SecretVersion(storedName, UUID.randomUUID().toString().replace("-", ""), value,
					attributes.contentType(), !Boolean.FALSE.equals(attributes.enabled()),
					seconds(attributes.notBefore()), seconds(attributes.expiresOn()), now, now, attributes.tags());
			versions.add(created);
			return created;
		}
	}

	/**
	 * Changes the attributes of one version; {@code null} components are left as they are.
	 * @param version the version, or {@code null} or empty for the latest
	 * @return the updated version, or empty if there is no such secret or version
	 */
	public Optional<SecretVersion> update(String name, String version, SecretAttributes changes) {
		SecretAttributes truncated = new SecretAttributes(changes.enabled(), seconds(changes.notBefore()),
				seconds(changes.expiresOn()), changes.contentType(), changes.tags());
		Instant now = now();
		synchronized (this.lock) {
			List<SecretVersion> versions = this.secrets.get(key(name));
			if (versions == null) {
				return Optional.empty();
			}
			int index = indexOf(versions, version);
			if (index < 0) {
				return Optional.empty();
			}
			SecretVersion updated = versions.get(index).withAttributes(truncated, now);
			versions.set(index, updated);
			return Optional.of(updated);
		}
	}

	/**
	 * The latest version of {@code name}, enabled or not.
	 */
	public Optional<SecretVersion> get(String name) {
		return get(name, null);
	}

	/**
	 * One version of {@code name}, enabled or not.
	 * @param version the version, or {@code null} or empty for the latest
	 */
	public Optional<SecretVersion> get(String name, @Nullable String version) {
		synchronized (this.lock) {
			List<SecretVersion> versions = this.secrets.get(key(name));
			if (versions == null) {
				return Optional.empty();
			}
			int index = indexOf(versions, version);
			return (index >= 0) ? Optional.of(versions.get(index)) : Optional.empty();
		}
	}

	/**
	 * Every version of {@code name} in the order they were set, disabled ones included; empty for an unknown name.
	 */
	public List<SecretVersion> versions(String name) {
		synchronized (this.lock) {
			List<SecretVersion> versions = this.secrets.get(key(name));
			return (versions != null) ? List.copyOf(versions) : List.of();
		}
	}

	/**
	 * The latest version of every secret that is not deleted, by name.
	 */
	public List<SecretVersion> latestVersions() {
		synchronized (this.lock) {
			return this.secrets.values()
				.stream()
				.map((versions) -> versions.get(versions.size() - 1))
				.sorted(Comparator.comparing(SecretVersion::name, String.CASE_INSENSITIVE_ORDER))
				.toList();
		}
	}

	/**
	 * Deletes {@code name} with all its versions, leaving it soft-deleted until {@link #purge(String) purged}.
	 * @return the deleted secret, or empty if there is no such secret
	 */
	public Optional<DeletedSecret> delete(String name) {
		Instant now = now();
		synchronized (this.lock) {
			String key = key(name);
			List<SecretVersion> versions = this.secrets.remove(key);
			if (versions == null) {
				return Optional.empty();
			}
			DeletedSecret deletedSecret = new DeletedSecret(versions.get(versions.size() - 1), now,
					now.plus(Duration.ofDays(RECOVERABLE_DAYS)));
			this.deleted.put(key, deletedSecret);
			return Optional.of(deletedSecret);
		}
	}

	/**
	 * A soft-deleted secret.
	 */
	public Optional<DeletedSecret> deleted(String name) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.deleted.get(key(name)));
		}
	}

	/**
	 * Removes a soft-deleted secret for good, freeing its name.
	 * @return whether there was such a deleted secret
	 */
	public boolean purge(String name) {
		synchronized (this.lock) {
			return this.deleted.remove(key(name)) != null;
		}
	}

	private static int indexOf(List<SecretVersion> versions, @Nullable String version) {
		if (version == null || version.isEmpty()) {
			return versions.size() - 1;
		}
		for (int i = 0; i < versions.size(); i++) {
			if (versions.get(i).version().equalsIgnoreCase(version)) {
				return i;
			}
		}
		return -1;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	private static @Nullable Instant seconds(@Nullable Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS) : null;
	}

	private static String key(String name) {
		return (name != null) ? name.toLowerCase(Locale.ROOT) : "";
	}

}
