package io.github.springsignalr.emulator.hub;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The two timers of a WebSocket session, a client's or a server's: the handshake deadline, after which a session
 * that has not completed its handshake is ended, and a periodic tick (keep-alive, ping). Both stop on
 * {@link #dispose()}, when the session ends.
 */
public final class SessionTimers implements Disposable {

	private final Disposable handshakeTimer;

	private final Disposable ticks;

	private SessionTimers(Disposable handshakeTimer, Disposable ticks) {
		this.handshakeTimer = handshakeTimer;
		this.ticks = ticks;
	}

	/**
	 * Starts the timers.
	 * @param handshakeTimeout how long the handshake may take
	 * @param handshaken whether the handshake has completed, asked once the timeout is over
	 * @param timedOut what ends a session whose handshake has not completed in time
	 * @param interval the interval between ticks
	 * @param tick what each tick does
	 */
	public static SessionTimers start(Duration handshakeTimeout, BooleanSupplier handshaken, Runnable timedOut,
			Duration interval, Runnable tick) {
		Disposable handshakeTimer = Mono.delay(handshakeTimeout).subscribe((ignored) -> {
			if (!handshaken.getAsBoolean()) {
				timedOut.run();
			}
		});
		return new SessionTimers(handshakeTimer, Flux.interval(interval).subscribe((ignored) -> tick.run()));
	}

	@Override
	public void dispose() {
		this.handshakeTimer.dispose();
		this.ticks.dispose();
	}

	@Override
	public boolean isDisposed() {
		return this.handshakeTimer.isDisposed() && this.ticks.isDisposed();
	}

}
