package io.github.springsignalr.entra.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Microsoft Entra tokens for the service (scope {@value #SCOPE}), one credential per connection string, each token
 * kept until {@value #MARGIN_MINUTES} minutes before it expires: a REST call does not wait on Microsoft Entra ID.
 * <p>
 * Thread-safe.
 */
public class EntraTokens {

	/** The scope of the service's tokens, as the .NET SDK asks for them. */
	public static final String SCOPE = "https://signalr.azure.com/.default";

	static final int MARGIN_MINUTES = 5;

	private static final TokenRequestContext CONTEXT = new TokenRequestContext().addScopes(SCOPE);

	private final SignalRCredentialFactory credentials;

	private final Clock clock;

	/** By connection string: a changed one (another secret) gets its own credential. */
	private final Map<ConnectionString, Entry> entries = new ConcurrentHashMap<>();

	public EntraTokens(SignalRCredentialFactory credentials) {
		this(credentials, Clock.systemUTC());
	}

	public EntraTokens(SignalRCredentialFactory credentials, Clock clock) {
		this.credentials = credentials;
		this.clock = clock;
	}

	/**
	 * A valid Entra token for the endpoint.
	 * @throws EntraAuthenticationException when Microsoft Entra ID gives none; its message names the endpoint and
	 * the credential, never a secret
	 */
	public String token(ServiceEndpoint endpoint) {
		ConnectionString connectionString = endpoint.connectionString();
		Entry entry = this.entries.computeIfAbsent(connectionString,
				(key) -> new Entry(this.credentials.create(key)));
		return entry.token(endpoint, this.clock);
	}

	private static final class Entry {

		private final TokenCredential credential;

		private volatile @Nullable AccessToken token;

		Entry(TokenCredential credential) {
			this.credential = credential;
		}

		String token(ServiceEndpoint endpoint, Clock clock) {
			AccessToken current = this.token;
			OffsetDateTime threshold = OffsetDateTime.now(clock).plus(Duration.ofMinutes(MARGIN_MINUTES));
			if (current != null && current.getExpiresAt().isAfter(threshold)) {
				return current.getToken();
			}
			synchronized (this) {
				current = this.token;
				if (current != null && current.getExpiresAt().isAfter(threshold)) {
					return current.getToken();
				}
				try {
					current = this.credential.getTokenSync(CONTEXT);
				}
				catch (RuntimeException ex) {
					throw EntraAuthenticationException.of(endpoint, ex);
				}
				if (current == null || current.getToken() == null) {
					throw new EntraAuthenticationException(describe(endpoint) + ": the credential gave no token", null);
				}
				this.token = current;
				return current.getToken();
			}
		}

	}

	/**
	 * The endpoint and the credential it signs in with, never a secret.
	 */
	static String describe(ServiceEndpoint endpoint) {
		ConnectionString connectionString = endpoint.connectionString();
		StringBuilder text = new StringBuilder("Azure SignalR endpoint ").append(endpoint.id())
			.append(" (")
			.append(endpoint.endpoint())
			.append(", AuthType=")
			.append(connectionString.authType().connectionStringValue());
		if (connectionString.clientId() != null) {
			text.append(", ClientId=").append(connectionString.clientId());
		}
		if (connectionString.tenantId() != null) {
			text.append(", TenantId=").append(connectionString.tenantId());
		}
		return text.append(')').toString();
	}

}
