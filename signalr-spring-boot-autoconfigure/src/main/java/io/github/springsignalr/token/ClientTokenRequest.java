package io.github.springsignalr.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a client access token says: the hub, who the client is, and the service features that the .NET SDK turns on
 * with {@code asrs.s.*} claims. Build one with {@link #of(String, String)} or {@link #builder(String)}.
 * <p>
 * Claims are strings, as the .NET SDK writes claims by default: a name given one value becomes a JSON string, a name
 * given several an array.
 *
 * @param hub the hub; the service's rule applies: a letter first, then up to 127 letters, digits or {@code _`,.[]}
 * @param userId the user id, written as {@code asrs.s.uid}; {@code null} for an anonymous client
 * @param claims the user's claims by name, in order; names that the service reserves ({@code aud}, {@code exp}, …)
 * are carried as {@code asrs.u.<name>}, as the .NET SDK does
 * @param roles the user's roles, written as the {@code role} claim
 * @param lifetime how long the token is valid; {@code null} for the token service's default
 * @param enableDetailedErrors whether the service sends the client detailed errors ({@code asrs.s.derror})
 * @param diagnosticClient whether the client is a diagnostic client, whose traffic the service logs in full
 * ({@code asrs.s.dc})
 * @param maxPollInterval the longest a long-polling client may wait between polls, 1 to 300 seconds
 * ({@code asrs.s.ttl}); {@code null} for the service's default
 * @param authenticationExpiresOn when the user's authentication expires; when set, the service closes the
 * connection then ({@code asrs.s.coae} and {@code asrs.s.aeo})
 */
public record ClientTokenRequest(String hub, @Nullable String userId, @Nullable Map<String, List<String>> claims,
		@Nullable List<String> roles, @Nullable Duration lifetime, boolean enableDetailedErrors,
		boolean diagnosticClient, @Nullable Duration maxPollInterval, @Nullable Instant authenticationExpiresOn) {

	private static final String SERVICE_CLAIM_PREFIX = "asrs.s.";

	private static final Duration MAX_POLL_INTERVAL_LIMIT = Duration.ofSeconds(300);

	/**
	 * @throws IllegalArgumentException for an invalid hub name, an empty user id or claim name, a claim name in
	 * {@code asrs.s.*} (the service's own, set through this request's other fields), a lifetime under a second or a
	 * poll interval outside 1 to 300 seconds
	 */
	public ClientTokenRequest {
		HubName.check(hub);
		if (userId != null && userId.isEmpty()) {
			throw new IllegalArgumentException("A user id must not be empty: use null for an anonymous client");
		}
		claims = copyClaims(claims);
		roles = (roles != null) ? List.copyOf(roles) : List.of();
		if (lifetime != null && lifetime.getSeconds() < 1) {
			throw new IllegalArgumentException("A token lifetime must be at least one second, not " + lifetime);
		}
		if (maxPollInterval != null && (maxPollInterval.getSeconds() < 1
				|| maxPollInterval.compareTo(MAX_POLL_INTERVAL_LIMIT) > 0)) {
			throw new IllegalArgumentException("The max poll interval must be 1 to 300 seconds, not " + maxPollInterval);
		}
	}

	/**
	 * A token for an anonymous client.
	 */
	public static ClientTokenRequest of(String hub) {
		return of(hub, null);
	}

	/**
	 * A token for a user, with no other claims.
	 */
	public static ClientTokenRequest of(String hub, @Nullable String userId) {
		return new ClientTokenRequest(hub, userId, null, null, null, false, false, null, null);
	}

	public static Builder builder(String hub) {
		return new Builder(hub);
	}

	/**
	 * Whether the service takes {@code hub} as a hub name: 1 to 128 characters, a letter first, then letters, digits
	 * and {@code _`,.[]}.
	 */
	public static boolean isValidHub(String hub) {
		try {
			HubName.check(hub);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Map<String, List<String>> copyClaims(Map<String, List<String>> claims) {
		if (claims == null || claims.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> copy = new LinkedHashMap<>();
		claims.forEach((name, values) -> {
			if (name == null || name.isEmpty()) {
				throw new IllegalArgumentException("A claim name must not be empty");
			}
			// In any case: whether the service compares claim types ignoring case is not documented, and refusing
			// ASRS.S.UID costs nothing.
			if (name.regionMatches(true, 0, SERVICE_CLAIM_PREFIX, 0, SERVICE_CLAIM_PREFIX.length())) {
				throw new IllegalArgumentException("Claim '" + name + "' is the service's own: set the user id and "
						+ "service features through the request, not as claims");
			}
			if (values == null || values.isEmpty()) {
				throw new IllegalArgumentException("Claim '" + name + "' has no value");
			}
			copy.put(name, List.copyOf(values));
		});
		return Collections.unmodifiableMap(copy);
	}

	/**
	 * Builds a {@link ClientTokenRequest}; every setting is optional but the hub.
	 */
	public static final class Builder {

		private final String hub;

		private @Nullable String userId;

		private final Map<String, List<String>> claims = new LinkedHashMap<>();

		private final List<String> roles = new ArrayList<>();

		private @Nullable Duration lifetime;

		private boolean enableDetailedErrors;

		private boolean diagnosticClient;

		private @Nullable Duration maxPollInterval;

		private @Nullable Instant authenticationExpiresOn;

		private Builder(String hub) {
			this.hub = hub;
		}

		/**
		 * The user id; {@code null} (the default) for an anonymous client.
		 */
		public Builder userId(String userId) {
			this.userId = userId;
			return this;
		}

		/**
		 * Adds values to a claim; a claim added several times carries all its values.
		 */
		public Builder claim(String name, String... values) {
			Objects.requireNonNull(name, "name");
			this.claims.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(Arrays.asList(values));
			return this;
		}

		/**
		 * Adds claims, each with its values.
		 */
		public Builder claims(Map<String, ? extends Collection<String>> claims) {
			claims.forEach((name, values) -> claim(name, values.toArray(String[]::new)));
			return this;
		}

		public Builder roles(String... roles) {
			return roles(Arrays.asList(roles));
		}

		public Builder roles(Collection<String> roles) {
			this.roles.addAll(roles);
			return this;
		}

		/**
		 * How long the token is valid, instead of the token service's default.
		 */
		public Builder lifetime(Duration lifetime) {
			this.lifetime = lifetime;
			return this;
		}

		public Builder enableDetailedErrors(boolean enableDetailedErrors) {
			this.enableDetailedErrors = enableDetailedErrors;
			return this;
		}

		public Builder diagnosticClient(boolean diagnosticClient) {
			this.diagnosticClient = diagnosticClient;
			return this;
		}

		/**
		 * The longest a long-polling client may wait between polls, 1 to 300 seconds.
		 */
		public Builder maxPollInterval(Duration maxPollInterval) {
			this.maxPollInterval = maxPollInterval;
			return this;
		}

		/**
		 * Has the service close the connection when the user's authentication expires.
		 */
		public Builder closeOnAuthenticationExpiration(Instant authenticationExpiresOn) {
			this.authenticationExpiresOn = authenticationExpiresOn;
			return this;
		}

		/**
		 * @throws IllegalArgumentException as the record's constructor does
		 */
		public ClientTokenRequest build() {
			return new ClientTokenRequest(this.hub, this.userId, this.claims, this.roles, this.lifetime,
					this.enableDetailedErrors, this.diagnosticClient, this.maxPollInterval,
					this.authenticationExpiresOn);
		}

	}

}
