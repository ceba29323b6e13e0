package io.github.springsignalr.samples.chatreactive;

import java.util.List;

import io.github.springsignalr.rest.ReactiveSignalRTemplate;
import io.github.springsignalr.rest.SignalRResult;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The chat's server side: the page posts its messages here, and they go out through the service with
 * {@link ReactiveSignalRTemplate}, no thread waiting for the service's answer.
 */
@RestController
@RequestMapping("/api")
class ReactiveChatController {

	private final ReactiveSignalRTemplate signalR;

	ReactiveChatController(ReactiveSignalRTemplate signalR) {
		this.signalR = signalR;
	}

	@PostMapping("/join")
	Mono<ResponseEntity<Void>> join(@RequestBody Join join) {
		if (!StringUtils.hasText(join.user())) {
			return Mono.just(ResponseEntity.badRequest().build());
		}
		return this.signalR.sendToAll(ReactiveChatApplication.HUB, "joined", join.user()).map(this::status);
	}

	@PostMapping("/messages")
	Mono<ResponseEntity<Void>> send(@RequestBody Outgoing message) {
		if (!StringUtils.hasText(message.from()) || !StringUtils.hasText(message.text())) {
			return Mono.just(ResponseEntity.badRequest().build());
		}
		if (StringUtils.hasText(message.toUser())) {
			Incoming incoming = new Incoming(message.from(), message.text(), "user " + message.toUser());
			// To the addressee and to the sender's own connections, so that both see it.
			return this.signalR
				.sendToUsers(ReactiveChatApplication.HUB, List.of(message.toUser(), message.from()),
						"message", incoming)
				.map(this::status);
		}
		return this.signalR
			.sendToAll(ReactiveChatApplication.HUB, "message", new Incoming(message.from(), message.text(), "everyone"))
			.map(this::status);
	}

	private ResponseEntity<Void> status(SignalRResult result) {
		// The service's answer is per endpoint; the page only needs to know whether it went out.
		return result.anyOk() ? ResponseEntity.accepted().build() : ResponseEntity.status(HttpStatus.BAD_GATEWAY).build();
	}

	record Join(String user) {

	}

	record Outgoing(String from, String text, String toUser) {

	}

	/** What the browsers receive as the {@code message} target's argument. */
	record Incoming(String from, String text, String audience) {

	}

}
