package io.github.springsignalr.autoconfigure.security;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.security.reactive.SignalRRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the servlet and reactive {@code SignalRRequest} matchers: the paths of the application's properties, the
 * method, and nothing else.
 */
class SignalRRequestTests {

	private static final String CONNECTION_STRING = "Endpoint=https://east.service.signalr.net;AccessKey="
			+ "c2lnbmFsci1yZXF1ZXN0LW1hdGNoZXItdGVzdHMwMDAwMDA=;Version=1.0;";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class))
		.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING);

	@ParameterizedTest
	@CsvSource({ "POST, /chat/negotiate, true, false", "POST, /Chat/negotiate, true, false",
			"GET, /chat/negotiate, false, false", "POST, /chat/negotiate/x, false, false",
			"POST, /negotiate, false, false", "POST, /signalr/upstream/chat/messages/echo, false, true",
			"GET, /signalr/upstream/chat/messages/echo, false, false", "POST, /signalr/upstream/chat, false, false" })
	void matchTheDefaultPaths(String method, String path, boolean negotiate, boolean upstream) {
		this.runner.run((context) -> assertMatches(context, method, path, negotiate, upstream));
	}

	@ParameterizedTest
	@CsvSource({ "POST, /api/signalr/chat/negotiate, true, false", "POST, /chat/negotiate, false, false",
			"POST, /hooks/chat/connections/connected, false, true",
			"POST, /signalr/upstream/chat/messages/echo, false, false" })
	void matchTheConfiguredPaths(String method, String path, boolean negotiate, boolean upstream) {
		this.runner
			.withPropertyValues("azure.signalr.negotiate.path-prefix=/api/signalr/",
					"azure.signalr.upstream.path=/hooks/{hub}/{category}/{event}")
			.run((context) -> assertMatches(context, method, path, negotiate, upstream));
	}

	private static void assertMatches(ApplicationContext context, String method, String path, boolean negotiate,
			boolean upstream) {
		String request = method + " " + path;
		assertThat(servlet(io.github.springsignalr.autoconfigure.security.servlet.SignalRRequest.negotiate(), context,
				method, path)).as("servlet negotiate() of " + request).isEqualTo(negotiate);
		assertThat(servlet(io.github.springsignalr.autoconfigure.security.servlet.SignalRRequest.upstream(), context,
				method, path)).as("servlet upstream() of " + request).isEqualTo(upstream);
		assertThat(reactive(SignalRRequest.negotiate(), context, method, path)).as("reactive negotiate() of " + request)
			.isEqualTo(negotiate);
		assertThat(reactive(SignalRRequest.upstream(), context, method, path)).as("reactive upstream() of " + request)
			.isEqualTo(upstream);
	}

	private static boolean servlet(RequestMatcher matcher, ApplicationContext context, String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.getServletContext()
			.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
		return matcher.matches(request);
	}

	private static boolean reactive(ServerWebExchangeMatcher matcher, ApplicationContext context, String method,
			String path) {
		MockServerWebExchange exchange = MockServerWebExchange
			.builder(MockServerHttpRequest.method(HttpMethod.valueOf(method), path))
			.applicationContext(context)
			.build();
		return matcher.matches(exchange).block().isMatch();
	}

}
