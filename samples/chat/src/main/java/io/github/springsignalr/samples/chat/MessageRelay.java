package io.github.springsignalr.samples.chat;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Relays a message through the service with {@link SignalRTemplate}: to everyone, to one user (and its sender) or to
 * a room. The same for messages posted to the application and for those that arrive as upstream invocations.
 */
@Component
class MessageRelay {

	private final SignalRTemplate signalR;

	MessageRelay(SignalRTemplate signalR) {
		this.signalR = signalR;
	}

	SignalRResult send(String from, String text, String toUser, String toRoom) {
		Instant now = Instant.now();
		if (StringUtils.hasText(toUser)) {
			ChatMessage sent = new ChatMessage(from, text, "user " + toUser, now);
			// Also to the sender, so that their page shows what they sent privately.
			return this.signalR.sendToUsers(ChatApplication.HUB, new TreeSet<>(Set.of(toUser, from)), "message",
					sent);
		}
		if (StringUtils.hasText(toRoom)) {
			ChatMessage sent = new ChatMessage(from, text, "room " + toRoom, now);
			return this.signalR.sendToGroup(ChatApplication.HUB, toRoom, "message", sent);
		}
		return this.signalR.sendToAll(ChatApplication.HUB, "message", new ChatMessage(from, text, "everyone", now));
	}

}
