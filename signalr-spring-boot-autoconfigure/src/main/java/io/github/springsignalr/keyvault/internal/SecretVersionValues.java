package io.github.springsignalr.keyvault.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.keyvault.KeyVaultReference;
import io.github.springsignalr.keyvault.KeyVaultSecrets;
import io.github.springsignalr.keyvault.SecretVersionProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The values of one secret's versions, each read at most once and parsed: Key Vault never changes the value of a
 * version (only its attributes), so a value read is good for as long as the version is listed, and a value that does
 * not parse is refused for good. {@link #choose} applies the {@link SecretVersionSelector key-set rules} to the
 * versions that were not refused, reading and parsing the winner and choosing again while it is refused, so that
 * start-up and the watcher follow the same rules.
 * <p>
 * Not thread-safe: used under the lock of its {@link SecretWatch}, or once at start-up.
 */
final class SecretVersionValues {

	private static final Log logger = LogFactory.getLog(KeyVaultSecretWatcher.class);

	private final KeyVaultSecrets secrets;

	private final KeyVaultReference reference;

	private final Map<String, ConnectionString> values = new LinkedHashMap<>();

	private final Map<String, String> refused = new LinkedHashMap<>();

	/** The text of the value just read, handed to the caller once and not kept. */
	private @Nullable String lastText;

	/** The tied versions last warned about, so that one tie is logged once. */
	private Set<String> warnedTie = Set.of();

	/** Checks a parsed value further (where its Entra token would go); throws to refuse it. */
	private final Consumer<ConnectionString> check;

	SecretVersionValues(KeyVaultSecrets secrets, KeyVaultReference reference) {
		this(secrets, reference, (connectionString) -> {
		});
	}

	/**
	 * @param check applied to each value that parses; a value it throws for is refused like one that does not parse
	 */
	SecretVersionValues(KeyVaultSecrets secrets, KeyVaultReference reference, Consumer<ConnectionString> check) {
		this.secrets = secrets;
		this.reference = reference;
		this.check = check;
	}

	/**
	 * The version active at {@code at} among those not refused, with its parsed value; empty when none is left.
	 * @param onRefused told of each version refused on the way (its value does not parse)
	 * @throws UnreadableVersionException when a value cannot be read from the vault; what was refused so far stays
	 * refused
	 */
	Optional<Chosen> choose(Collection<SecretVersionProperties> versions, Instant at, RefusalListener onRefused) {
		while (true) {
			Optional<SecretVersionProperties> candidate = SecretVersionSelector.active(versions, at,
					this.refused.keySet());
			if (candidate.isEmpty()) {
				return Optional.empty();
			}
			SecretVersionProperties version = candidate.get();
			boolean cached = this.values.containsKey(version.version());
			this.lastText = null;
			ConnectionString value = value(version.version(), onRefused);
			if (value != null) {
				warnIfTied(versions, version, at);
				Chosen chosen = new Chosen(version, value, cached ? null : this.lastText);
				this.lastText = null;
				return Optional.of(chosen);
			}
		}
	}

	/**
	 * The parsed value of one version, read from the vault unless read before; {@code null} when it is refused.
	 */
	@Nullable ConnectionString value(String version, RefusalListener onRefused) {
		if (this.refused.containsKey(version)) {
			return null;
		}
		ConnectionString cached = this.values.get(version);
		if (cached != null) {
			return cached;
		}
		String text;
		try {
			text = this.secrets.value(this.reference, version);
		}
		catch (RuntimeException ex) {
			throw new UnreadableVersionException(version, ex);
		}
		try {
			ConnectionString parsed = ConnectionString.parse(text);
			this.check.accept(parsed);
			this.values.put(version, parsed);
			this.lastText = text;
			return parsed;
		}
		catch (RuntimeException ex) {
			// The parser's message names the key at fault, never a value.
			refuse(version, Secrets.redactedMessage(ex));
			onRefused.refused(version, this.refused.get(version));
			return null;
		}
	}

	/**
	 * Remembers the version chosen elsewhere (at start-up) among {@code versions} at {@code at}, with its value, so
	 * that the value is not read again and a tie already warned about is not warned about again.
	 */
	void remember(String version, ConnectionString value, Collection<SecretVersionProperties> versions, Instant at) {
		this.values.put(version, value);
		versions.stream()
			.filter((listed) -> listed.version().equals(version))
			.findFirst()
			.ifPresent((chosen) -> this.warnedTie = SecretVersionSelector.tiedWith(versions, chosen, at)
				.stream()
				.map(SecretVersionProperties::version)
				.collect(Collectors.toSet()));
	}

	/**
	 * Refuses a version for good (its value does not parse, or the registry would not take it).
	 */
	void refuse(String version, @Nullable String reason) {
		this.values.remove(version);
		this.refused.put(version, reason);
	}

	/**
	 * The refused versions, with why, in the order they were refused.
	 */
	Map<String, String> refused() {
		return Map.copyOf(this.refused);
	}

	Set<String> refusedVersions() {
		return this.refused.keySet();
	}

	/**
	 * Forgets the values of versions that can no longer be chosen (disabled or expired at {@code at}, or no longer
	 * listed), so that only a handful of values are ever held.
	 */
	void retainUsable(Collection<SecretVersionProperties> versions, Instant at) {
		Set<String> usable = versions.stream()
			.filter((version) -> version.enabled() && (version.expiresOn() == null || version.expiresOn().isAfter(at)))
			.map(SecretVersionProperties::version)
			.collect(Collectors.toCollection(HashSet::new));
		this.values.keySet().retainAll(usable);
	}

	/** How many values are held: read once each. */
	int cachedValues() {
		return this.values.size();
	}

	private void warnIfTied(Collection<SecretVersionProperties> versions, SecretVersionProperties chosen, Instant at) {
		List<SecretVersionProperties> tied = SecretVersionSelector.tiedWith(versions, chosen, at);
		Set<String> ids = tied.stream().map(SecretVersionProperties::version).collect(Collectors.toSet());
		if (tied.size() < 2 || ids.equals(this.warnedTie)) {
			return;
		}
		this.warnedTie = ids;
		logger.warn("Key Vault secret " + this.reference.secretId() + " has versions "
				+ tied.stream().map(SecretVersionProperties::version).collect(Collectors.joining(", "))
				+ " set within the same second (activation " + chosen.activation() + "): Key Vault keeps whole seconds"
				+ " and promises no order, so version " + chosen.version() + " was chosen as "
				+ (this.refused.keySet().stream().anyMatch(ids::contains) ? "the one that parses" : "the greatest id")
				+ "; set the intended value again to make it the newest");
	}

	/**
	 * A version chosen, with its parsed value.
	 *
	 * @param text the value as read, when it was read for this choice; {@code null} when it was read before
	 */
	record Chosen(SecretVersionProperties properties, ConnectionString connectionString, @Nullable String text) {

		String version() {
			return this.properties.version();
		}

		@Override
		public String toString() {
			return "Chosen[" + version() + "]";
		}

	}

	/**
	 * A version's value could not be read from the vault (unreachable, throttled, forbidden): not a refusal, the
	 * version is read again next time.
	 */
	static final class UnreadableVersionException extends RuntimeException {

		private final String version;

		UnreadableVersionException(String version, RuntimeException cause) {
			super("version " + version + " could not be read", cause);
			this.version = version;
		}

		String version() {
			return this.version;
		}

	}

	/**
	 * Told of a version refused because its value does not parse.
	 */
	@FunctionalInterface
	interface RefusalListener {

		void refused(String version, @Nullable String reason);

	}

}
