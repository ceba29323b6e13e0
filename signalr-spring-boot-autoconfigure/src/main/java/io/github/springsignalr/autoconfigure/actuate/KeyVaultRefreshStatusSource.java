package io.github.springsignalr.autoconfigure.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.github.springsignalr.actuate.KeyRefreshStatus;
import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.keyvault.internal.KeyVaultSecretWatcher;
import io.github.springsignalr.keyvault.internal.KeyVaultSecretWatcher.SecretWatchStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The refresh status of keys followed in Key Vault, from the {@link KeyVaultSecretWatcher} when there is one. A key is
 * stale when refreshes have failed and the last success is older than two refresh intervals: one missed poll is
 * noise, two are an outage worth seeing.
 */
class KeyVaultRefreshStatusSource implements KeyRefreshStatusSource {

	private final ObjectProvider<KeyVaultSecretWatcher> watcher;

	private final Duration staleAfter;

	private final Clock clock;

	KeyVaultRefreshStatusSource(ObjectProvider<KeyVaultSecretWatcher> watcher, Duration refreshInterval, Clock clock) {
		this.watcher = watcher;
		this.staleAfter = refreshInterval.multipliedBy(2);
		this.clock = clock;
	}

	@Override
	public Optional<KeyRefreshStatus> refreshStatus(EndpointId endpoint) {
		return status(endpoint).map((status) -> toRefreshStatus(status, status.version(), this.clock.instant()));
	}

	/**
	 * The version of the key the endpoint holds in that snapshot, not the version the watcher moved to since.
	 */
	@Override
	public Optional<KeyRefreshStatus> refreshStatus(ServiceEndpoint endpoint) {
		String keyId = (endpoint.accessKey() != null) ? endpoint.accessKey().id() : null;
		return status(endpoint.id())
			.map((status) -> toRefreshStatus(status, status.versionOf(keyId), this.clock.instant()));
	}

	private Optional<SecretWatchStatus> status(EndpointId endpoint) {
		KeyVaultSecretWatcher watcher = this.watcher.getIfAvailable();
		if (watcher == null) {
			return Optional.empty();
		}
		return watcher.status().stream().filter((status) -> status.endpoint().equals(endpoint)).findFirst();
	}

	private KeyRefreshStatus toRefreshStatus(SecretWatchStatus status, @Nullable String version, Instant now) {
		Duration staleness = status.staleness(now);
		boolean stale = status.consecutiveFailures() > 0 && staleness.compareTo(this.staleAfter) > 0;
		return new KeyRefreshStatus(status.reference().secretId(), version, status.lastSuccessfulRefresh(),
				status.lastError(), status.lastErrorAt(), staleness, stale, status.refusedVersions());
	}

}
