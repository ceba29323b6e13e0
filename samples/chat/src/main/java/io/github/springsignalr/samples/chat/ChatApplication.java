package io.github.springsignalr.samples.chat;

import io.github.springsignalr.negotiate.servlet.NegotiateUserIdResolver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@EnableConfigurationProperties(ChatProperties.class)
public class ChatApplication {

	/** The hub the page connects to: it negotiates at {@code /chat/negotiate}. */
	static final String HUB = "chat";

	public static void main(String[] args) {
		SpringApplication.run(ChatApplication.class, args);
	}

	/**
	 * The user id in the client's token is the name the page sends as {@code ?user=}. A demo only: anyone can claim
	 * any name. A real application takes it from the authenticated principal (the starter's default).
	 */
	@Bean
	NegotiateUserIdResolver userFromQuery() {
		return (request) -> request.param("user").filter((user) -> !user.isBlank()).orElse(null);
	}

}
