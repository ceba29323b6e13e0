package io.github.springsignalr.emulator.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.github.springsignalr.emulator.http.Exchange;

/**
 * Faults injected into this emulator's REST API calls (not its health API or its temporary keys), to test how a
 * client copes: the next N calls, or a fraction of all calls, get a {@link RestFault}. Rules for the next N calls
 * are used up first, in the order they were armed; then one draw decides among the fraction rules, so that their
 * fractions add up (10 % throttled and 5 % unavailable are 15 % refused, none counted twice). A stall
 * ({@link #stall}) holds every call that arrives during it until it ends, as a service that stops answering for a
 * while; the rules apply to a held call once it is let through.
 * <p>
 * It counts every call it touched by kind, so a test can add up what was refused and prove that every message
 * arrived exactly once. A refused call is never carried out.
 */
public final class RestFaults {

	private static final Logger logger = LoggerFactory.getLogger(RestFaults.class);

	private final List<Rule> rules = new ArrayList<>();

	private final Map<RestFault.Kind, Long> counts = new EnumMap<>(RestFault.Kind.class);

	private long stalledUntil;

	private long stalled;

	/**
	 * Gives the next {@code count} REST calls {@code fault}.
	 */
	public synchronized RestFaults next(int count, RestFault fault) {
		if (count < 1) {
			throw new IllegalArgumentException("A fault is given to at least one call, not " + count);
		}
		this.rules.add(new Rule(fault, count, 0));
		return this;
	}

	/**
	 * Gives each REST call, with probability {@code fraction}, {@code fault}, until {@link #clear()}.
	 */
	public synchronized RestFaults fraction(double fraction, RestFault fault) {
		if (!(fraction > 0 && fraction <= 1)) {
			throw new IllegalArgumentException("A fraction is over 0 and at most 1, not " + fraction);
		}
		double armed = this.rules.stream().mapToDouble((rule) -> rule.fraction).sum();
		if (armed + fraction > 1 + 1e-9) {
			throw new IllegalArgumentException("The fractions of all rules add up to at most 1; " + armed
					+ " is armed, " + fraction + " more is too much");
		}
		this.rules.add(new Rule(fault, 0, fraction));
		return this;
	}

	/**
	 * Holds every REST call that arrives within {@code duration} from now until then; each is carried out (or gets
	 * the fault its rules give it) afterwards.
	 */
	public synchronized RestFaults stall(Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("A stall lasts longer than zero, not " + duration);
		}
		this.stalledUntil = Math.max(this.stalledUntil, System.nanoTime() + duration.toNanos());
		return this;
	}

	/**
	 * How many calls a stall held.
	 */
	public synchronized long stalled() {
		return this.stalled;
	}

	/**
	 * Removes every rule and sets every count back to zero.
	 */
	public synchronized void clear() {
		this.rules.clear();
		this.counts.clear();
		this.stalledUntil = 0;
		this.stalled = 0;
	}

	/**
	 * How many calls got a fault of {@code kind}.
	 */
	public synchronized long count(RestFault.Kind kind) {
		return this.counts.getOrDefault(kind, 0L);
	}

	/**
	 * How many calls were refused (throttled, answered 503 or 500, or dropped) and not carried out.
	 */
	public synchronized long refused() {
		return this.counts.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() != RestFault.Kind.DELAY)
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	/**
	 * The count of every kind and of stalled calls, and the rules still armed, for the admin API.
	 */
	public synchronized Status status() {
		Map<String, Long> byKind = new LinkedHashMap<>();
		for (RestFault.Kind kind : RestFault.Kind.values()) {
			byKind.put(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'), count(kind));
		}
		byKind.put("stalled", this.stalled);
		return new Status(byKind, refused(), this.rules.stream().map(Rule::toString).toList());
	}

	/**
	 * Carries out {@code call}, or the fault due to it, after the stall under way if there is one.
	 */
	public Publisher<Void> apply(Exchange exchange, Supplier<Publisher<Void>> call) {
		long hold = holdFor();
		if (hold > 0) {
			logger.debug("{} {}: held {} ms by a stall", exchange.method(), exchange.rawPath(), hold / 1_000_000);
			return Mono.delay(Duration.ofNanos(hold)).then(Mono.defer(() -> Mono.from(applyRules(exchange, call))));
		}
		return applyRules(exchange, call);
	}

	private synchronized long holdFor() {
		long hold = this.stalledUntil - System.nanoTime();
		if (hold <= 0) {
			return 0;
		}
		this.stalled++;
		return hold;
	}

	private Publisher<Void> applyRules(Exchange exchange, Supplier<Publisher<Void>> call) {
		RestFault fault = nextFault();
		if (fault == null) {
			return call.get();
		}
		logger.debug("{} {}: injected fault {}", exchange.method(), exchange.rawPath(), fault);
		return switch (fault.kind()) {
			case THROTTLE -> {
				exchange.response().header(HttpHeaderNames.RETRY_AFTER, Long.toString(fault.duration().toSeconds()));
				yield exchange.status(429);
			}
			case UNAVAILABLE -> exchange.status(503);
			case INTERNAL_ERROR -> exchange.status(500);
			case DELAY -> Mono.delay(fault.duration()).then(Mono.defer(() -> Mono.from(call.get())));
			case DROP -> {
				exchange.response().withConnection((connection) -> connection.channel().close());
				yield Mono.empty();
			}
		};
	}

	private synchronized @Nullable RestFault nextFault() {
		RestFault fault = pick();
		if (fault != null) {
			this.counts.merge(fault.kind(), 1L, Long::sum);
		}
		return fault;
	}

	private @Nullable RestFault pick() {
		for (Iterator<Rule> it = this.rules.iterator(); it.hasNext();) {
			Rule rule = it.next();
			if (rule.fraction == 0) {
				rule.remaining--;
				if (rule.remaining == 0) {
					it.remove();
				}
				return rule.fault;
			}
		}
		double draw = ThreadLocalRandom.current().nextDouble();
		double upTo = 0;
		for (Rule rule : this.rules) {
			upTo += rule.fraction;
			if (draw < upTo) {
				return rule.fault;
			}
		}
		return null;
	}

	/**
	 * What the admin API answers: calls touched by kind, calls refused, and the rules still armed.
	 */
	public record Status(Map<String, Long> counts, long refused, List<String> rules) {
	}

	private static final class Rule {

		private final RestFault fault;

		private final double fraction;

		private int remaining;

		Rule(RestFault fault, int remaining, double fraction) {
			this.fault = Objects.requireNonNull(fault, "fault");
			this.remaining = remaining;
			this.fraction = fraction;
		}

		@Override
		public String toString() {
			return (this.fraction > 0) ? this.fault + " for " + this.fraction + " of calls"
					: this.fault + " for the next " + this.remaining + " calls";
		}

	}

}
