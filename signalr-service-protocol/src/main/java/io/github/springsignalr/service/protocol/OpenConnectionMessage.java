package io.github.springsignalr.service.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A client connected to the service and was routed to this server connection
 * ({@code [4, connectionId, claims, headers, queryString, ext]}).
 *
 * @param connectionId the client's connection id
 * @param claims the claims of the client's token, as pairs: a type may repeat, so they are a list, not a map
 * @param headers the client's HTTP headers (names ignore case, see {@link #header(String)})
 * @param queryString the client's query string, which may hold its access token; {@code ""} in the SDK's older
 * layouts
 * @param protocol the client's hub protocol ({@code json}, {@code messagepack}), extension key 3, when the service
 * knows it
 * @param tracingId extension key 1, an unsigned 64-bit value; {@code null} when not traced
 */
public record OpenConnectionMessage(String connectionId, List<Claim> claims, Map<String, List<String>> headers,
		@Nullable String queryString, @Nullable String protocol, @Nullable Long tracingId) implements ServiceMessage {

	public OpenConnectionMessage {
		Objects.requireNonNull(connectionId, "connectionId");
		claims = List.copyOf(claims);
		headers = ProtocolValues.headers(headers);
	}

	public OpenConnectionMessage(String connectionId, List<Claim> claims) {
		this(connectionId, claims, Map.of(), "", null, null);
	}

	/**
	 * The values of a header, its name ignoring case; empty when absent.
	 */
	public List<String> header(String name) {
		List<String> values = ProtocolValues.lookup(this.headers, name);
		return (values != null) ? values : List.of();
	}

	/**
	 * Claim types, header names and the query's parameter names only: values may be tokens or personal data.
	 */
	@Override
	public String toString() {
		return "OpenConnectionMessage[connectionId=" + this.connectionId + ", claims="
				+ this.claims.stream().map(Claim::type).toList() + ", headers=" + ProtocolValues.names(this.headers)
				+ ", queryString=" + queryParameterNames(this.queryString) + ", protocol=" + this.protocol
				+ ", tracingId=" + this.tracingId + "]";
	}

	private static String queryParameterNames(@Nullable String query) {
		if (query == null) {
			return "null";
		}
		String body = query.startsWith("?") ? query.substring(1) : query;
		return (body.isEmpty()) ? "[]" : Arrays.stream(body.split("&"))
			.map((parameter) -> parameter.split("=", 2)[0])
			.toList()
			.toString();
	}

	/**
	 * One claim of the client's token.
	 *
	 * @param type the claim type as the service forwards it
	 * @param value the claim's value
	 */
	public record Claim(String type, String value) {

		public Claim {
			Objects.requireNonNull(type, "type");
			Objects.requireNonNull(value, "value");
		}

		@Override
		public String toString() {
			return "Claim[type=" + this.type + "]";
		}

	}

}
