package io.github.springsignalr.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.autoconfigure.security.reactive.SignalRRequest;
import io.github.springsignalr.rest.ReactiveSignalRTemplate;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.SignalRConnected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security in a WebFlux-only application, configured with {@link SignalRRequest}: an unauthenticated
 * negotiate is answered 401, an authenticated one 200 and the client gets messages sent to its principal's name;
 * upstream requests are permitted with CSRF protection on for everything else, and reach the annotated methods.
 */
@ExtendWith(BlockingCalls.class)
@SpringBootTest(classes = ReactiveSecurityEndToEndTests.SecuredApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.banner-mode=off")
@AutoConfigureSignalREmulator(upstream = "/signalr/upstream/{hub}/{category}/{event}")
@DirtiesContext
@EndToEndTest
class ReactiveSecurityEndToEndTests {

	private static final String PASSWORD = "reactive-security-test-password";

	@LocalServerPort
	private int port;

	@Autowired
	private SecuredApplication.Events events;

	@Autowired
	private ReactiveSignalRTemplate template;

	@Test
	void anUnauthenticatedNegotiateIs401AndOtherPathsAreProtected() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		assertThat(post(http, "/chat/negotiate", null).statusCode()).isEqualTo(401);
		assertThat(post(http, "/chat/negotiate", "wrong-password").statusCode()).isEqualTo(401);
		assertThat(post(http, "/elsewhere", PASSWORD).statusCode()).as("CSRF protection of other paths")
			.isEqualTo(403);
	}

	@Test
	void anAuthenticatedClientIsItsPrincipalAndUpstreamPassesCsrfProtection() throws Exception {
		HubConnection client = HubConnectionBuilder.create("http://localhost:" + this.port + "/chat")
			.withHeader("Authorization", basic(PASSWORD))
			.build();
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		client.on("message", received::add, String.class);
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		try {
			InvocationContext connected = this.events.next(client.getConnectionId());
			assertThat(connected).as("the connected event, through Spring Security").isNotNull();
			assertThat(connected.userId()).isEqualTo("dora");
			this.template.sendToUser("chat", "dora", "message", "hello dora").block(Duration.ofSeconds(20));
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello dora");
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

	private HttpResponse<String> post(HttpClient http, String path, String password) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody());
		if (password != null) {
			request.header("Authorization", basic(password));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String password) {
		return "Basic " + Base64.getEncoder().encodeToString(("dora:" + password).getBytes(StandardCharsets.UTF_8));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SecuredApplication {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http
				.authorizeExchange((exchanges) -> exchanges.matchers(SignalRRequest.upstream())
					.permitAll()
					.matchers(SignalRRequest.negotiate())
					.authenticated()
					.anyExchange()
					.authenticated())
				.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(new NegatedServerWebExchangeMatcher(
						new OrServerWebExchangeMatcher(SignalRRequest.upstream(), SignalRRequest.negotiate()))))
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("dora").password("{noop}" + PASSWORD).roles("USER").build());
		}

		@Bean
		Events events() {
			return new Events();
		}

		static class Events {

			private final BlockingQueue<InvocationContext> connected = new LinkedBlockingQueue<>();

			@SignalRConnected(hub = "chat")
			void connected(InvocationContext context) {
				this.connected.add(context);
			}

			InvocationContext next(String connectionId) throws InterruptedException {
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (System.nanoTime() < deadline) {
					InvocationContext context = this.connected.poll(100, TimeUnit.MILLISECONDS);
					if (context != null && context.connectionId().equals(connectionId)) {
						return context;
					}
				}
				return null;
			}

		}

	}

}
