package io.github.springsignalr.upstream;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * What an upstream request says about the event and the connection it comes from, as the .NET extension's
 * {@code InvocationContext} does. Only requests whose signature matched a live key get this far.
 *
 * @param hub the hub, as the service names it ({@code X-ASRS-Hub}, lower-cased by the service)
 * @param category {@code connections} or {@code messages}
 * @param event {@code connected}, {@code disconnected}, or the invocation's target
 * @param connectionId the client's connection id
 * @param userId the user id of the client's token, or {@code null} for an anonymous client
 * @param query the query the client connected to the service with ({@code X-ASRS-Client-Query}), decoded, the values
 * of a name repeated joined with commas as the .NET extension joins them; never the client's {@code access_token};
 * empty when none
 * @param claims the claims of the client's token ({@code X-ASRS-User-Claims}, {@code type: value} pairs separated by
 * commas), the first value per type, as the .NET extension reads them; empty when none
 * <p>
 * {@link #toString()} shows the hub, category, event and connection id, and only the names of the query parameters,
 * claims and headers: their values, the user id and the error may be personal data or credentials, and a context ends
 * up in log lines.
 * @param headers the request's headers, first value per name, names in any case; the request's credentials are left
 * out, in any case: {@code X-ASRS-Signature}, {@code X-ASRS-Client-Query} (which may hold the client's token, and is in
 * {@code query} without it), {@code Authorization} (the service's Microsoft Entra token), {@code Proxy-Authorization}
 * and {@code Cookie}
 * @param error why the connection ended, for a {@code disconnected} event that ended with an error; else {@code null}
 */
public record InvocationContext(String hub, String category, String event, String connectionId, String userId,
		Map<String, String> query, Map<String, String> claims, Map<String, String> headers, String error) {

	/** The headers a context never holds; removed from a case-insensitive map, so in any case. */
	private static final Set<String> CREDENTIALS = Set.of("X-ASRS-Signature", "X-ASRS-Client-Query", "Authorization",
			"Proxy-Authorization", "Cookie");

	public InvocationContext {
		Objects.requireNonNull(hub, "hub");
		Objects.requireNonNull(category, "category");
		Objects.requireNonNull(event, "event");
		Objects.requireNonNull(connectionId, "connectionId");
		query = Map.copyOf(query);
		claims = Map.copyOf(claims);
		TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		caseInsensitive.putAll(headers);
		// One by one: keySet().removeAll would compare case-sensitively when the map is the smaller side.
		CREDENTIALS.forEach(caseInsensitive::remove);
		headers = Collections.unmodifiableMap(caseInsensitive);
	}

	/**
	 * This context with the error of a {@code disconnected} event.
	 */
	InvocationContext withError(@Nullable String error) {
		return new InvocationContext(this.hub, this.category, this.event, this.connectionId, this.userId, this.query,
				this.claims, this.headers, error);
	}

	@Override
	public String toString() {
		return "InvocationContext[hub=" + this.hub + ", category=" + this.category + ", event=" + this.event
				+ ", connectionId=" + this.connectionId + ", userId=" + ((this.userId != null) ? "(set)" : "null")
				+ ", query=" + new TreeSet<>(this.query.keySet()) + ", claims=" + new TreeSet<>(this.claims.keySet())
				+ ", headers=" + this.headers.keySet() + ", error=" + ((this.error != null) ? "(set)" : "null") + "]";
	}

}
