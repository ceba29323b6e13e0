package io.github.springsignalr.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springsignalr.service.protocol.AckMessage;
import io.github.springsignalr.service.protocol.ServiceMessage;

/**
 * The messages waiting for their {@code Ack}, as the .NET SDK's {@code AckHandler}: ids from 1, status 1 Ok is
 * {@code true}, 2 NotFound {@code false}, anything else (3 Timeout, 4 InternalServerError) and no answer in time a
 * {@link TimeoutException}.
 */
final class Acks {

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<Boolean>> waiting = new ConcurrentHashMap<>();

	private final Duration timeout;

	Acks(Duration timeout) {
		this.timeout = timeout;
	}

	int next() {
		return this.ids.incrementAndGet();
	}

	CompletableFuture<Boolean> await(int ackId) {
		CompletableFuture<Boolean> ack = new CompletableFuture<>();
		this.waiting.put(ackId, ack);
		ack.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((result, failure) -> this.waiting.remove(ackId));
		return ack;
	}

	void handle(ServiceMessage message) {
		if (message instanceof AckMessage ack) {
			CompletableFuture<Boolean> future = this.waiting.remove(ack.ackId());
			if (future == null) {
				return;
			}
			switch (ack.status()) {
				case AckMessage.OK -> future.complete(true);
				case AckMessage.NOT_FOUND -> future.complete(false);
				default -> future.completeExceptionally(
						new TimeoutException("The service answered status " + ack.status() + ": " + ack.message()));
			}
		}
	}

}
