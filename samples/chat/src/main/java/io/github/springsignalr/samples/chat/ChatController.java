package io.github.springsignalr.samples.chat;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The chat's server side: the page calls it, and it relays through the service with {@link SignalRTemplate}. The
 * server holds no connection itself (serverless mode): the service delivers to the browsers. With
 * {@code chat.send-through-upstream} the page sends its messages to {@link ChatHub} instead.
 */
@RestController
@RequestMapping("/api")
class ChatController {

	private final SignalRTemplate signalR;

	private final MessageRelay relay;

	private final ChatProperties properties;

	/** Who joined since start-up; a demo keeps no more than that. */
	private final Set<String> users = new ConcurrentSkipListSet<>();

	ChatController(SignalRTemplate signalR, MessageRelay relay, ChatProperties properties) {
		this.signalR = signalR;
		this.relay = relay;
		this.properties = properties;
	}

	@PostMapping("/join")
	ResponseEntity<Set<String>> join(@RequestBody Join join) {
		if (!StringUtils.hasText(join.user())) {
			return ResponseEntity.badRequest().build();
		}
		this.users.add(join.user());
		this.signalR.sendToAll(ChatApplication.HUB, "joined", join.user());
		return ResponseEntity.ok(new TreeSet<>(this.users));
	}

	@GetMapping("/users")
	Set<String> users() {
		return new TreeSet<>(this.users);
	}

	/**
	 * Adds the user to a room: the service's group, which then receives the room's messages on every connection of
	 * that user.
	 */
	@PostMapping("/rooms/{room}/members")
	ResponseEntity<Void> enter(@PathVariable String room, @RequestBody Join join) {
		return status(this.signalR.addUserToGroup(ChatApplication.HUB, room, join.user()));
	}

	@PostMapping("/messages")
	ResponseEntity<Void> send(@RequestBody Outgoing message) {
		if (!StringUtils.hasText(message.text())) {
			return ResponseEntity.badRequest().build();
		}
		return status(this.relay.send(message.from(), message.text(), message.toUser(), message.toRoom()));
	}

	/**
	 * What the page needs to know of the server's settings: how to send.
	 */
	@GetMapping("/settings")
	Settings settings() {
		return new Settings(this.properties.sendThroughUpstream());
	}

	private static ResponseEntity<Void> status(SignalRResult result) {
		// The service's answer is per endpoint; the page only needs to know whether it went out.
		return result.anyOk() ? ResponseEntity.accepted().build() : ResponseEntity.status(HttpStatus.BAD_GATEWAY).build();
	}

	record Join(String user) {

	}

	record Outgoing(String from, String text, String toUser, String toRoom) {

	}

	record Settings(boolean sendThroughUpstream) {

	}

}
