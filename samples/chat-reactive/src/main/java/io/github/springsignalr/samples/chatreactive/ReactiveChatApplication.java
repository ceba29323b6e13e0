package io.github.springsignalr.samples.chatreactive;

import io.github.springsignalr.negotiate.reactive.ReactiveNegotiateUserIdResolver;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class ReactiveChatApplication {

	/** The hub the page connects to: it negotiates at {@code /chat/negotiate}. */
	static final String HUB = "chat";

	public static void main(String[] args) {
		SpringApplication.run(ReactiveChatApplication.class, args);
	}

	/**
	 * The user id in the client's token is the name the page sends as {@code ?user=}. A demo only: anyone can claim
	 * any name. A real application takes it from the authenticated principal (the starter's default).
	 */
	@Bean
	ReactiveNegotiateUserIdResolver userFromQuery() {
		return (request) -> Mono.justOrEmpty(request.queryParam("user").filter((user) -> !user.isBlank()));
	}

}
