package io.github.springsignalr.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import org.jspecify.annotations.Nullable;

/**
 * How the key of an endpoint whose key comes from elsewhere (a Key Vault secret) was last refreshed. Holds no secret:
 * the error is a description without any value.
 *
 * @param source where the key comes from, for example the Key Vault secret's identifier
 * @param version the version of the source in use, or {@code null}
 * @param lastRefresh when the source was last read successfully, or {@code null} when it has not been since start-up
 * @param lastError the last failure or refused value, without any value, or {@code null}
 * @param lastErrorAt when that was, or {@code null}
 * @param staleness how long since the last successful refresh
 * @param stale whether the key may be out of date: refreshes have failed for longer than expected
 * @param refusedVersions versions of the source refused because their value is invalid, empty when none
 */
@JsonInclude(Include.ALWAYS)
public record KeyRefreshStatus(String source, @Nullable String version, Instant lastRefresh, String lastError,
		Instant lastErrorAt, Duration staleness, boolean stale, List<String> refusedVersions) {

	public KeyRefreshStatus {
		refusedVersions = (refusedVersions != null) ? List.copyOf(refusedVersions) : List.of();
	}

	/**
	 * A status without refused versions.
	 */
	public KeyRefreshStatus(String source, String version, Instant lastRefresh, String lastError, Instant lastErrorAt,
			Duration staleness, boolean stale) {
		this(source, version, lastRefresh, lastError, lastErrorAt, staleness, stale, List.of());
	}

}
