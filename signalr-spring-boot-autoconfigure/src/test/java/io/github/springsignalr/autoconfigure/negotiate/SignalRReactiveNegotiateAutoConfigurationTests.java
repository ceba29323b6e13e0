package io.github.springsignalr.autoconfigure.negotiate;

import java.security.Principal;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.negotiate.reactive.ReactiveNegotiateTokenCustomizer;
import io.github.springsignalr.negotiate.reactive.ReactiveNegotiateUserIdResolver;
import io.github.springsignalr.negotiate.servlet.NegotiateUserIdResolver;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalRReactiveNegotiateAutoConfiguration}, in a WebFlux application without the servlet API on
 * the class path: the route, and its answers through WebFlux's own request handling ({@link WebTestClient} bound to
 * the route). End to end, with a WebFlux server and the official client, in
 * {@code signalr-spring-boot-webflux-tests}.
 */
class SignalRReactiveNegotiateAutoConfigurationTests {

	private static final String CONNECTION_STRING = "Endpoint=https://east.service.signalr.net;AccessKey="
			+ "bmVnb3RpYXRlLWF1dG8tY29uZmlndXJhdGlvbi10ZXN0czA=;Version=1.0;";

	private static final FilteredClassLoader NO_SERVLET_API = new FilteredClassLoader("jakarta.servlet.",
			"org.springframework.web.servlet.");

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withClassLoader(NO_SERVLET_API)
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class,
				SignalRNegotiateAutoConfiguration.class, SignalRReactiveNegotiateAutoConfiguration.class))
		.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING);

	@Test
	void servesNegotiateInAReactiveApplicationWithoutTheServletApi() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasBean("signalRNegotiateRoute")
			.hasSingleBean(RouterFunction.class)
			.hasSingleBean(ReactiveNegotiateUserIdResolver.class)
			.doesNotHaveBean(NegotiateUserIdResolver.class));
	}

	@Test
	void aServletApplicationGetsTheSpringMvcRouteOnly() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class,
					SignalRNegotiateAutoConfiguration.class, SignalRReactiveNegotiateAutoConfiguration.class))
			.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING)
			.run((context) -> assertThat(context).hasSingleBean(NegotiateUserIdResolver.class)
				.doesNotHaveBean(ReactiveNegotiateUserIdResolver.class)
				.hasSingleBean(org.springframework.web.servlet.function.RouterFunction.class));
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("azure.signalr.negotiate.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void needsAnEndpoint() {
		new ReactiveWebApplicationContextRunner().withClassLoader(NO_SERVLET_API)
			.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class,
					SignalRReactiveNegotiateAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void theUserIdIsTheExchangesPrincipal() {
		this.runner.run((context) -> {
			Map<String, Object> answer = client(context, principal("alice")).post()
				.uri("/chat/negotiate?negotiateVersion=1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.returnResult()
				.getResponseBody();
			assertThat(answer).containsEntry("negotiateVersion", 0)
				.containsEntry("url", "https://east.service.signalr.net/client/?hub=chat");
			assertThat(claims(answer)).containsEntry("asrs.s.uid", "alice");
		});
	}

	@Test
	void withoutAPrincipalTheClientIsAnonymous() {
		this.runner.run((context) -> {
			Map<String, Object> answer = client(context, null).post()
				.uri("/chat/negotiate")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.returnResult()
				.getResponseBody();
			assertThat(claims(answer)).doesNotContainKey("asrs.s.uid");
		});
	}

	@Test
	void customizersAndAUserIdResolverOfTheApplicationAreUsed() {
		this.runner
			.withBean(ReactiveNegotiateUserIdResolver.class,
					() -> (request) -> Mono.justOrEmpty(request.headers().firstHeader("X-User")))
			.withBean(ReactiveNegotiateTokenCustomizer.class, () -> (request, token) -> token.claim("room", "lobby"))
			.run((context) -> {
				Map<String, Object> answer = client(context, null).post()
					.uri("/chat/negotiate")
					.header("X-User", "bob")
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
					})
					.returnResult()
					.getResponseBody();
				assertThat(claims(answer)).containsEntry("asrs.s.uid", "bob").containsEntry("room", "lobby");
			});
	}

	@Test
	void errorsAreTheSpringMvcRoutesFixedTexts() {
		this.runner.withPropertyValues("azure.signalr.negotiate.hubs=chat").run((context) -> {
			WebTestClient client = client(context, null);
			client.post()
				.uri("/1nvalid/negotiate")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.error")
				.value((String error) -> assertThat(error).startsWith("Invalid hub name"));
			client.post()
				.uri("/admin/negotiate")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody()
				.jsonPath("$.error")
				.isEqualTo("No such hub");
			client.get().uri("/chat/negotiate").exchange().expectStatus().isNotFound();
		});
		this.runner.withBean(ReactiveNegotiateUserIdResolver.class, () -> (request) -> Mono.just(""))
			.run((context) -> client(context, null).post()
				.uri("/chat/negotiate")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.error")
				.isEqualTo("The user id is empty"));
	}

	@SuppressWarnings("unchecked")
	private static WebTestClient client(ApplicationContext context, Principal principal) {
		RouterFunction<ServerResponse> route = context.getBean("signalRNegotiateRoute", RouterFunction.class);
		WebFilter withPrincipal = (exchange, chain) -> chain
			.filter((principal != null) ? exchange.mutate().principal(Mono.just(principal)).build() : exchange);
		return WebTestClient.bindToRouterFunction(route).webFilter(withPrincipal).build();
	}

	private static Principal principal(String name) {
		return () -> name;
	}

	private static Map<String, Object> claims(Map<String, Object> answer) {
		try {
			return SignedJWT.parse((String) answer.get("accessToken")).getJWTClaimsSet().getClaims();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
