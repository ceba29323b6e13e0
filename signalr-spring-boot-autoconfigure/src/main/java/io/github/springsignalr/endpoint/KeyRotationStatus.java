package io.github.springsignalr.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Per endpoint, what an operator needs before regenerating a key: the key in use (its id only) and since when, the
 * key it replaced, and when that one becomes safe to regenerate, which is when the last token it signed has expired
 * (the switch plus the token lifetime). A switch staged for later (a Key Vault version with a future activation date)
 * is shown too.
 * <p>
 * Built from the registry's change events: feed it every {@link ServiceEndpointsChangedEvent}.
 */
public class KeyRotationStatus {

	private final Supplier<Duration> tokenLifetime;

	private final Map<EndpointId, EndpointKeyStatus> byEndpoint = new ConcurrentHashMap<>();

	/**
	 * @param registry the endpoints, whose keys are taken as in use since now
	 * @param tokenLifetime the lifetime of the tokens the starter issues
	 */
	public KeyRotationStatus(ServiceEndpointRegistry registry, Duration tokenLifetime, Clock clock) {
		this(registry, () -> tokenLifetime, clock);
	}

	/**
	 * @param registry the endpoints, whose keys are taken as in use since now
	 * @param tokenLifetime the longest lifetime of the tokens issued so far, asked at each key change (see
	 * {@code SignalRTokenService#getLongestIssuedLifetime()})
	 */
	public KeyRotationStatus(ServiceEndpointRegistry registry, Supplier<Duration> tokenLifetime, Clock clock) {
		this.tokenLifetime = tokenLifetime;
		Instant now = clock.instant();
		for (ServiceEndpoint endpoint : registry.endpoints()) {
			this.byEndpoint.put(endpoint.id(), new EndpointKeyStatus(endpoint.id(), keyId(endpoint), now, null, null,
					null));
		}
	}

	/**
	 * Records what a change to the registry did to the keys.
	 */
	public void onEndpointsChanged(ServiceEndpointsChangedEvent event) {
		for (ServiceEndpoint added : event.added()) {
			this.byEndpoint.put(added.id(),
					new EndpointKeyStatus(added.id(), keyId(added), event.timestamp(), null, null, null));
		}
		for (ServiceEndpoint removed : event.removed()) {
			this.byEndpoint.remove(removed.id());
		}
		for (ServiceEndpointsChangedEvent.Change change : event.changed()) {
			if (!change.keyChanged()) {
				continue;
			}
			EndpointId id = change.after().id();
			this.byEndpoint.compute(id, (key, previous) -> {
				StagedKey staged = (previous != null && previous.staged() != null
						&& previous.staged().activatesAt().isAfter(event.timestamp())) ? previous.staged() : null;
				return new EndpointKeyStatus(id, keyId(change.after()), event.timestamp(), keyId(change.before()),
						event.timestamp().plus(this.tokenLifetime.get()), staged);
			});
		}
	}

	/**
	 * Records a key that will take over at {@code activatesAt}, replacing any staged before.
	 * @param source where the key comes from (a Key Vault secret's version), no secret
	 */
	public void stage(EndpointId endpoint, String source, Instant activatesAt) {
		this.byEndpoint.computeIfPresent(endpoint,
				(id, status) -> status.withStaged(new StagedKey(source, activatesAt)));
	}

	public void unstage(EndpointId endpoint) {
		this.byEndpoint.computeIfPresent(endpoint, (id, status) -> status.withStaged(null));
	}

	public Optional<EndpointKeyStatus> get(EndpointId endpoint) {
		return Optional.ofNullable(this.byEndpoint.get(endpoint));
	}

	public List<EndpointKeyStatus> all() {
		return new ArrayList<>(this.byEndpoint.values());
	}

	private static @Nullable String keyId(ServiceEndpoint endpoint) {
		return (endpoint.accessKey() != null) ? endpoint.accessKey().id() : null;
	}

	/**
	 * The key state of one endpoint.
	 *
	 * @param endpoint the endpoint
	 * @param keyId the id (fingerprint) of the key in use, {@code null} when it has none yet
	 * @param since when that key took over (start-up for the first)
	 * @param previousKeyId the id of the key before, or {@code null}
	 * @param previousKeySafeToRegenerateAt when no token signed by the previous key is valid any more, or {@code null}
	 * @param staged a key staged to take over later, or {@code null}
	 */
	public record EndpointKeyStatus(EndpointId endpoint, @Nullable String keyId, Instant since,
			@Nullable String previousKeyId, @Nullable Instant previousKeySafeToRegenerateAt,
			@Nullable StagedKey staged) {

		/**
		 * Whether the previous key may be regenerated at {@code now} without refusing a token still in use.
		 */
		public boolean isPreviousKeySafeToRegenerate(Instant now) {
			return this.previousKeySafeToRegenerateAt == null || !now.isBefore(this.previousKeySafeToRegenerateAt);
		}

		EndpointKeyStatus withStaged(StagedKey staged) {
			return new EndpointKeyStatus(this.endpoint, this.keyId, this.since, this.previousKeyId,
					this.previousKeySafeToRegenerateAt, staged);
		}

	}

	/**
	 * A key that takes over at a set instant.
	 *
	 * @param source where it comes from, no secret
	 * @param activatesAt when it takes over
	 */
	public record StagedKey(String source, Instant activatesAt) {

	}

}
