package io.github.springsignalr.e2e;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.SignalRConnected;
import io.github.springsignalr.upstream.SignalRDisconnected;
import io.github.springsignalr.upstream.SignalRHubException;
import io.github.springsignalr.upstream.SignalRMessage;

/**
 * Serverless event handlers of the end-to-end chat application: every event they receive is queued for the tests to
 * look at, and the hub methods answer.
 */
class ChatEvents {

	/** What {@link #explode()} throws: it must never reach a client. */
	static final String SERVER_DETAIL = "database password rejected at db-7";

	private final BlockingQueue<InvocationContext> events = new LinkedBlockingQueue<>();

	@SignalRConnected(hub = "chat")
	void connected(InvocationContext context) {
		this.events.add(context);
	}

	@SignalRDisconnected(hub = "chat")
	void disconnected(InvocationContext context) {
		this.events.add(context);
	}

	@SignalRMessage(hub = "chat", target = "echo")
	String echo(InvocationContext context, String text) {
		this.events.add(context);
		return text + "!";
	}

	@SignalRMessage(hub = "chat")
	int add(int a, int b) {
		return a + b;
	}

	/** A void method: the client gets an empty completion. */
	@SignalRMessage(hub = "chat")
	void note(InvocationContext context, String text) {
		this.events.add(context);
	}

	@SignalRMessage(hub = "chat")
	void explode() {
		throw new IllegalStateException(SERVER_DETAIL);
	}

	@SignalRMessage(hub = "chat")
	void refuse(String reason) {
		throw new SignalRHubException("refused: " + reason);
	}

	/** A method of another hub that a replayed request must never reach. */
	@SignalRMessage(hub = "admin", target = "echo")
	String adminEcho(InvocationContext context, String text) {
		this.events.add(context);
		return "admin " + text;
	}

	InvocationContext next() throws InterruptedException {
		return this.events.poll(10, TimeUnit.SECONDS);
	}

	/**
	 * The next event of {@code event} for {@code connectionId}, skipping others (of connections of other tests).
	 */
	InvocationContext next(String event, String connectionId) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			InvocationContext context = this.events.poll(100, TimeUnit.MILLISECONDS);
			if (context != null && context.event().equals(event) && context.connectionId().equals(connectionId)) {
				return context;
			}
		}
		return null;
	}

	boolean anyFor(String hub) {
		return this.events.stream().anyMatch((context) -> context.hub().equalsIgnoreCase(hub));
	}

}
