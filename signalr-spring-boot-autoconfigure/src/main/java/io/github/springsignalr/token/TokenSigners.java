package io.github.springsignalr.token;

import java.util.Arrays;
import java.util.List;

import io.github.springsignalr.endpoint.AccessKey;

/**
 * The signers of the most recently used access keys, newest first. An application has one or two keys per endpoint and
 * a rotation adds one, so a short array scanned in order finds the key in use at its first or second element; the
 * bound lets keys that rotated out be collected.
 * <p>
 * Reads take the array from a volatile field without locking; a new key replaces the array under a lock.
 */
final class TokenSigners {

	static final int CAPACITY = 16;

	private volatile TokenSigner[] signers = new TokenSigner[0];

	TokenSigner get(AccessKey key) {
		for (TokenSigner signer : this.signers) {
			// The registry hands out the same AccessKey instance until the key changes: identity settles most looks.
			if (signer.key() == key || signer.key().equals(key)) {
				return signer;
			}
		}
		return add(key);
	}

	/**
	 * The ids of the keys held, newest first.
	 */
	List<String> keyIds() {
		return Arrays.stream(this.signers).map((signer) -> signer.key().id()).toList();
	}

	private synchronized TokenSigner add(AccessKey key) {
		TokenSigner[] current = this.signers;
		for (TokenSigner signer : current) {
			if (signer.key().equals(key)) {
				return signer;
			}
		}
		TokenSigner signer = new TokenSigner(key);
		TokenSigner[] next = new TokenSigner[Math.min(current.length + 1, CAPACITY)];
		next[0] = signer;
		System.arraycopy(current, 0, next, 1, next.length - 1);
		this.signers = next;
		return signer;
	}

	@Override
	public String toString() {
		return "TokenSigners" + keyIds();
	}

}
