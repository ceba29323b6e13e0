package io.github.springsignalr.samples.chat;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.SignalRHubException;
import io.github.springsignalr.upstream.SignalRMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The hub method the page invokes with {@code connection.invoke("send", message)} when
 * {@code chat.send-through-upstream} is on: the service posts the invocation to the starter's upstream URL, which calls
 * {@link #send}, which broadcasts with {@link MessageRelay}. The sender is the user id of the connection's token, not
 * what the page claims.
 */
@Component
@ConditionalOnBooleanProperty("chat.send-through-upstream")
class ChatHub {

	private final MessageRelay relay;

	private final AtomicInteger invocations = new AtomicInteger();

	ChatHub(MessageRelay relay) {
		this.relay = relay;
	}

	@SignalRMessage(hub = ChatApplication.HUB, target = "send")
	String send(InvocationContext context, ChatController.Outgoing message) {
		this.invocations.incrementAndGet();
		if (message == null || !StringUtils.hasText(message.text())) {
			throw new SignalRHubException("A message needs a text");
		}
		String from = (context.userId() != null) ? context.userId() : message.from();
		if (!this.relay.send(from, message.text(), message.toUser(), message.toRoom()).anyOk()) {
			throw new SignalRHubException("The service did not take the message");
		}
		return "sent";
	}

	/**
	 * How many messages arrived as upstream invocations.
	 */
	int invocations() {
		return this.invocations.get();
	}

}
