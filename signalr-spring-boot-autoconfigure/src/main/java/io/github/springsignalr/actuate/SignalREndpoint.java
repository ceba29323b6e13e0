package io.github.springsignalr.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.github.springsignalr.endpoint.EndpointSnapshot;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.KeyRotationStatus.EndpointKeyStatus;
import io.github.springsignalr.endpoint.KeyRotationStatus.StagedKey;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code signalr} actuator endpoint: every endpoint with its URLs, how it authenticates and the key it signs
 * with, by id (the fingerprint that is also the tokens' {@code kid}), since when, the key before it and when that
 * one is safe to regenerate, a key staged for later, and how a followed key was last refreshed. What an operator
 * reads before regenerating a key; it holds no secret.
 * <p>
 * Absent values are written as {@code null} rather than left out (the actuator's JSON mapper leaves nulls out by
 * default): {@code "previousId": null} tells the reader that there is no previous key, where a missing field would
 * leave them wondering whether this version reports one at all.
 */
@Endpoint(id = "signalr")
public class SignalREndpoint {

	private final ServiceEndpointRegistry registry;

	private final @Nullable KeyRotationStatus rotationStatus;

	private final KeyRefreshStatusSource refreshStatus;

	private final Clock clock;

	private final ServerConnectionCounts serverConnections;

	/**
	 * @param rotationStatus the keys' history, or {@code null}
	 */
	public SignalREndpoint(ServiceEndpointRegistry registry, KeyRotationStatus rotationStatus,
			KeyRefreshStatusSource refreshStatus, Clock clock) {
		this(registry, rotationStatus, refreshStatus, clock, ServerConnectionCounts.NONE);
	}

	/**
	 * @param rotationStatus the keys' history, or {@code null}
	 * @param serverConnections the server connections of default mode per endpoint and hub
	 */
	public SignalREndpoint(ServiceEndpointRegistry registry, @Nullable KeyRotationStatus rotationStatus,
			KeyRefreshStatusSource refreshStatus, Clock clock, ServerConnectionCounts serverConnections) {
		this.registry = registry;
		this.rotationStatus = rotationStatus;
		this.refreshStatus = refreshStatus;
		this.clock = clock;
		this.serverConnections = serverConnections;
	}

	@ReadOperation
	public SignalRDescriptor signalr() {
		EndpointSnapshot snapshot = this.registry.snapshot();
		Instant now = this.clock.instant();
		return new SignalRDescriptor(snapshot.version(),
				snapshot.endpoints().stream().map((endpoint) -> describe(endpoint, now)).toList());
	}

	private EndpointDescriptor describe(ServiceEndpoint endpoint, Instant now) {
		Optional<EndpointKeyStatus> keys = (this.rotationStatus != null) ? this.rotationStatus.get(endpoint.id())
				: Optional.empty();
		KeyDescriptor key = new KeyDescriptor((endpoint.accessKey() != null) ? endpoint.accessKey().id() : null,
				keys.map(EndpointKeyStatus::since).orElse(null),
				keys.map(EndpointKeyStatus::previousKeyId).orElse(null),
				keys.map(EndpointKeyStatus::previousKeySafeToRegenerateAt).orElse(null),
				keys.filter((status) -> status.previousKeyId() != null)
					.map((status) -> status.isPreviousKeySafeToRegenerate(now))
					.orElse(null),
				keys.map(EndpointKeyStatus::staged).orElse(null));
		String authType = endpoint.connectionString().authType().connectionStringValue();
		return new EndpointDescriptor(endpoint.name(), endpoint.type().text(), endpoint.online(),
				endpoint.endpoint().toString(), endpoint.connectionString().effectiveClientEndpoint().toString(),
				endpoint.connectionString().effectiveServerEndpoint().toString(),
				(authType != null) ? authType : "accesskey", key,
				// The endpoint of the snapshot, so that the version shown is that of the key shown.
				this.refreshStatus.refreshStatus(endpoint).orElse(null), this.serverConnections.of(endpoint.id()));
	}

	/**
	 * What the endpoint answers.
	 *
	 * @param version the registry's snapshot version: it increases with every change
	 * @param endpoints every endpoint, in declaration order
	 */
	@JsonInclude(Include.ALWAYS)
	public record SignalRDescriptor(long version, List<EndpointDescriptor> endpoints) implements OperationResponseBody {

	}

	/**
	 * One endpoint.
	 *
	 * @param name its name, {@code ""} when unnamed
	 * @param type {@code primary} or {@code secondary}
	 * @param online whether it takes clients and messages now
	 * @param endpoint the service endpoint
	 * @param clientEndpoint where clients connect
	 * @param serverEndpoint where REST calls go
	 * @param authType {@code accesskey}, or the connection string's {@code AuthType}
	 * @param key the key it signs with, by id
	 * @param lastRefresh how a followed key was last refreshed, or {@code null} for a key that is not followed
	 * @param serverConnections connected server connections per hub in default mode, {@code null} in serverless mode
	 */
	@JsonInclude(Include.ALWAYS)
	public record EndpointDescriptor(String name, String type, boolean online, String endpoint, String clientEndpoint,
			String serverEndpoint, String authType, KeyDescriptor key, KeyRefreshStatus lastRefresh,
			@Nullable Map<String, Integer> serverConnections) {

	}

	/**
	 * An endpoint's key, by id only.
	 *
	 * @param id the key's fingerprint (the tokens' {@code kid}), or {@code null} when it has none
	 * @param since when it took over
	 * @param previousId the key before it, or {@code null}
	 * @param previousSafeToRegenerateAt when no token signed by the previous key is valid any more
	 * @param previousSafeToRegenerate whether that time has come, {@code null} without a previous key
	 * @param staged a key staged to take over later, or {@code null}
	 */
	@JsonInclude(Include.ALWAYS)
	public record KeyDescriptor(@Nullable String id, @Nullable Instant since, @Nullable String previousId,
			@Nullable Instant previousSafeToRegenerateAt, @Nullable Boolean previousSafeToRegenerate,
			@Nullable StagedKey staged) {

	}

}
