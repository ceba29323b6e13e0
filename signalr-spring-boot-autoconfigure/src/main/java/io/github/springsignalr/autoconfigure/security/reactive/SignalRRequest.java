package io.github.springsignalr.autoconfigure.security.reactive;

import java.util.function.Function;

import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.autoconfigure.security.SignalRPaths;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security {@link ServerWebExchangeMatcher}s for the paths the starter serves in a WebFlux application, in the
 * style of Boot's {@code EndpointRequest}; the paths are read from {@code azure.signalr.*} when the first request
 * comes. Put negotiate behind the application's authentication (its principal becomes the client's user id), and
 * permit upstream, exempt from CSRF protection: the service authenticates it with its signature and sends no CSRF
 * token.
 * <pre class="code">
 * http.authorizeExchange((exchanges) -&gt; exchanges
 *         .matchers(SignalRRequest.upstream()).permitAll()
 *         .matchers(SignalRRequest.negotiate()).authenticated())
 *     .csrf((csrf) -&gt; csrf.requireCsrfProtectionMatcher(
 *         new NegatedServerWebExchangeMatcher(new OrServerWebExchangeMatcher(SignalRRequest.upstream(),
 *             SignalRRequest.negotiate()))));
 * </pre>
 */
public final class SignalRRequest {

	private SignalRRequest() {
	}

	/**
	 * Matches {@code POST {azure.signalr.negotiate.path-prefix}/{hub}/negotiate}.
	 */
	public static ServerWebExchangeMatcher negotiate() {
		return new PropertiesExchangeMatcher((properties) -> ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
				SignalRPaths.negotiate(properties)));
	}

	/**
	 * Matches {@code POST {azure.signalr.upstream.path}}.
	 */
	public static ServerWebExchangeMatcher upstream() {
		return new PropertiesExchangeMatcher((properties) -> ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
				SignalRPaths.upstream(properties)));
	}

	/**
	 * Matches as the matcher made from the application's {@link SignalRProperties}, made at the first exchange (the
	 * filter chain is built before the properties bean may be asked for).
	 */
	private static final class PropertiesExchangeMatcher implements ServerWebExchangeMatcher {

		private final Function<SignalRProperties, ServerWebExchangeMatcher> factory;

		private volatile ServerWebExchangeMatcher delegate;

		PropertiesExchangeMatcher(Function<SignalRProperties, ServerWebExchangeMatcher> factory) {
			this.factory = factory;
		}

		@Override
		public Mono<MatchResult> matches(ServerWebExchange exchange) {
			ServerWebExchangeMatcher matcher = this.delegate;
			if (matcher == null) {
				ApplicationContext context = exchange.getApplicationContext();
				if (context == null) {
					return Mono.error(new IllegalStateException("No ApplicationContext in the exchange: "
							+ "SignalRRequest matchers need the application's SignalRProperties"));
				}
				matcher = this.factory.apply(context.getBean(SignalRProperties.class));
				this.delegate = matcher;
			}
			return matcher.matches(exchange);
		}

	}

}
