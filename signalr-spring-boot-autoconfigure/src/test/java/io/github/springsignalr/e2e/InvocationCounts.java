package io.github.springsignalr.e2e;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What became of the invocations one client made: each one sent is, in the end, answered (with the right result),
 * answered wrongly, or failed to the client with an error; whatever is left is lost.
 */
final class InvocationCounts {

	final AtomicLong sent = new AtomicLong();

	final AtomicLong answered = new AtomicLong();

	final AtomicLong wrong = new AtomicLong();

	final AtomicLong errored = new AtomicLong();

	/** Clients that the service closed under this one's invocations, replaced by a new client. */
	final AtomicLong closes = new AtomicLong();

	long lost() {
		return this.sent.get() - this.answered.get() - this.wrong.get() - this.errored.get();
	}

	@Override
	public String toString() {
		return this.sent + " sent, " + this.answered + " answered, " + this.errored + " errored, " + this.wrong
				+ " wrong, " + lost() + " lost, " + this.closes + " closed";
	}

}
