package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The pacing of the load generators: a fixed pool of daemon workers taking evenly spaced slots at a set rate, each
 * slot one operation (given its number), until stopped or until {@code maxDuration} has passed, whatever the test does.
 */
final class PacedSlots {

	private final int threads;

	private final long slotNanos;

	private final long startedAt;

	private final long deadline;

	private final AtomicLong nextSlot;

	private final AtomicLong slots = new AtomicLong();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final ExecutorService workers;

	private volatile long stoppedAt;

	PacedSlots(int threads, int operationsPerSecond, Duration maxDuration) {
		this.threads = threads;
		this.slotNanos = TimeUnit.SECONDS.toNanos(1) / operationsPerSecond;
		this.startedAt = System.nanoTime();
		this.deadline = this.startedAt + maxDuration.toNanos();
		this.nextSlot = new AtomicLong(this.startedAt);
		this.workers = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "load-" + System.identityHashCode(task));
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts the workers: apart from the constructor, so that a generator's fields are all set before its first
	 * operation.
	 */
	void start(LongConsumer operation) {
		for (int i = 0; i < this.threads; i++) {
			this.workers.execute(() -> work(operation));
		}
	}

	private void work(LongConsumer operation) {
		while (!this.stopped.get()) {
			long slot = this.nextSlot.getAndAdd(this.slotNanos);
			if (slot >= this.deadline) {
				return;
			}
			long wait = slot - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			if (this.stopped.get()) {
				return;
			}
			operation.accept(this.slots.getAndIncrement());
		}
	}

	/**
	 * Stops taking slots and waits for the operations under way.
	 */
	void stop() throws InterruptedException {
		this.stopped.set(true);
		this.workers.shutdown();
		this.workers.awaitTermination(30, TimeUnit.SECONDS);
		if (this.stoppedAt == 0) {
			this.stoppedAt = System.nanoTime();
		}
	}

	boolean isStopped() {
		return this.stopped.get();
	}

	boolean isRunning() {
		return !this.stopped.get() && System.nanoTime() < this.deadline;
	}

	Duration elapsed() {
		long end = (this.stoppedAt != 0) ? this.stoppedAt : System.nanoTime();
		return Duration.ofNanos(end - this.startedAt);
	}

}
