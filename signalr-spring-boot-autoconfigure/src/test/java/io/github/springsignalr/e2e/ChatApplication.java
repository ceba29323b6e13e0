package io.github.springsignalr.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.github.springsignalr.negotiate.servlet.NegotiateUserIdResolver;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The smallest application using the starter: auto-configuration only, plus a user id taken from a request header
 * (a stand-in for Spring Security's principal). The end-to-end tests start it on a random port with
 * {@code @SpringBootTest}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ChatApplication {

	static final String USER_HEADER = "X-Chat-User";

	@Bean
	NegotiateUserIdResolver userFromHeader() {
		return (request) -> request.headers().firstHeader(USER_HEADER);
	}

	static String url(ConfigurableApplicationContext context) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
	}

	/**
	 * What a client gets from {@code POST /{hub}/negotiate}, as a map.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> negotiate(HttpClient http, String appUrl, String hub) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest
			.newBuilder(URI.create(appUrl + "/" + hub + "/negotiate?negotiateVersion=1"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		Map<String, Object> body = JsonMapper.shared().readValue(response.body(), Map.class);
		body.put("status", response.statusCode());
		return body;
	}

}
