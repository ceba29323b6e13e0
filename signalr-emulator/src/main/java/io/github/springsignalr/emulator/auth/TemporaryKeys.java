package io.github.springsignalr.emulator.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The temporary access keys handed out to applications signed in with Microsoft Entra ID, each valid for a fixed
 * lifetime from when it was issued. An expired key is kept for one more lifetime, so that a token signed with it is
 * refused as signed with an expired key rather than with an unknown one; then it is forgotten.
 */
public final class TemporaryKeys {

	/**
	 * How long a temporary key stays valid unless told otherwise: 90 minutes, as the Learn page on Microsoft Entra ID
	 * for the service says ("The temporary access key expires in 90 minutes"). The .NET SDK relies on a key for 120
	 * minutes ({@code MicrosoftEntraAccessKey.AccessKeyExpireTime}) but fetches a new one every 55, so it never gets
	 * to use one past 90.
	 */
	public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(90);

	private final Map<String, TemporaryKey> keys = new ConcurrentHashMap<>();

	private final AtomicInteger issued = new AtomicInteger();

	private final Duration lifetime;

	private final Clock clock;

	public TemporaryKeys(Duration lifetime, Clock clock) {
		if (lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("The temporary key lifetime must be positive, not " + lifetime);
		}
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * A new random key for {@code clientId}, valid from now for the lifetime. Its id is its fingerprint.
	 */
	public TemporaryKey issue(@Nullable String clientId) {
		Instant now = this.clock.instant();
		forgetExpiredBefore(now.minus(this.lifetime));
		String key = KeyRing.generateKey();
		TemporaryKey temporary = new TemporaryKey(KeyFingerprint.of(key), key, now.plus(this.lifetime), clientId);
		this.keys.put(temporary.keyId(), temporary);
		this.issued.incrementAndGet();
		return temporary;
	}

	/**
	 * The key with id {@code keyId}, expired or not, or {@code null} if there is none (or it was forgotten).
	 */
	@Nullable TemporaryKey find(String keyId) {
		return (keyId != null) ? this.keys.get(keyId) : null;
	}

	Instant now() {
		return this.clock.instant();
	}

	public Duration lifetime() {
		return this.lifetime;
	}

	/**
	 * How many keys were handed out since start.
	 */
	public int issuedCount() {
		return this.issued.get();
	}

	private void forgetExpiredBefore(Instant instant) {
		this.keys.values().removeIf((key) -> key.expiresAt().isBefore(instant));
	}

	@Override
	public String toString() {
		return "TemporaryKeys[lifetime=" + this.lifetime + ", issued=" + this.issued.get() + "]";
	}

}
