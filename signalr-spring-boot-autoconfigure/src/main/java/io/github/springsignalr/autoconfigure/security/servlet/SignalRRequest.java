package io.github.springsignalr.autoconfigure.security.servlet;

import java.util.function.Function;

import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.autoconfigure.security.SignalRPaths;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Spring Security {@link RequestMatcher}s for the paths the starter serves in a Spring MVC application, in the style
 * of Boot's {@code EndpointRequest}; the paths are read from {@code azure.signalr.*} when the first request comes.
 * Put negotiate behind the application's authentication (its principal becomes the client's user id), and permit
 * upstream, exempt from CSRF protection: the service authenticates it with its signature and sends no CSRF token.
 * <pre class="code">
 * http.authorizeHttpRequests((requests) -&gt; requests
 *         .requestMatchers(SignalRRequest.upstream()).permitAll()
 *         .requestMatchers(SignalRRequest.negotiate()).authenticated())
 *     .csrf((csrf) -&gt; csrf.ignoringRequestMatchers(SignalRRequest.upstream(), SignalRRequest.negotiate()));
 * </pre>
 * Negotiate may be left out of CSRF protection too, as ASP.NET Core leaves it: its answer is readable only by the
 * page's own origin, and it changes nothing.
 */
public final class SignalRRequest {

	private SignalRRequest() {
	}

	/**
	 * Matches {@code POST {azure.signalr.negotiate.path-prefix}/{hub}/negotiate}.
	 */
	public static RequestMatcher negotiate() {
		return new PropertiesRequestMatcher((properties) -> PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.POST, SignalRPaths.negotiate(properties)));
	}

	/**
	 * Matches {@code POST {azure.signalr.upstream.path}}.
	 */
	public static RequestMatcher upstream() {
		return new PropertiesRequestMatcher((properties) -> PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.POST, SignalRPaths.upstream(properties)));
	}

	/**
	 * Matches as the matcher made from the application's {@link SignalRProperties}, made at the first request (the
	 * filter chain is built before the properties bean may be asked for).
	 */
	private static final class PropertiesRequestMatcher implements RequestMatcher {

		private final Function<SignalRProperties, RequestMatcher> factory;

		private volatile RequestMatcher delegate;

		PropertiesRequestMatcher(Function<SignalRProperties, RequestMatcher> factory) {
			this.factory = factory;
		}

		@Override
		public boolean matches(HttpServletRequest request) {
			RequestMatcher matcher = this.delegate;
			if (matcher == null) {
				WebApplicationContext context = WebApplicationContextUtils
					.getRequiredWebApplicationContext(request.getServletContext());
				matcher = this.factory.apply(context.getBean(SignalRProperties.class));
				this.delegate = matcher;
			}
			return matcher.matches(request);
		}

	}

}
