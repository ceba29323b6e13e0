package io.github.springsignalr.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.springsignalr.endpoint.AccessKey;

/**
 * One access key, prepared to sign HS256 tokens: its header encoded once and an HMAC keyed once that has already
 * absorbed that header. Each token then clones the prepared HMAC, which is safe from any number of threads (the
 * prototype is never updated after construction) and suits virtual threads, unlike a {@code ThreadLocal} that would
 * key a new HMAC for every new thread.
 */
final class TokenSigner {

	private static final String HMAC_SHA256 = "HmacSHA256";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/** An HMAC-SHA256 is 32 bytes, 43 characters in unpadded base64url. */
	private static final int SIGNATURE_LENGTH = 43;

	private final AccessKey key;

	/** The base64url-encoded header and the dot after it. */
	private final byte[] encodedHeader;

	private final Mac prototype;

	private final boolean cloneable;

	TokenSigner(AccessKey key) {
		this.key = key;
		this.encodedHeader = encodeHeader(key.id());
		this.prototype = newMac(key);
		// Every token of this key starts with the same header: the prototype absorbs it (and with it the JDK's HMAC
		// absorbs its inner key pad) once, here, and each clone goes on from there. Two SHA-256 blocks less per token
		// than keying a Mac and feeding it the whole signing input; the MAC is the same.
		this.prototype.update(this.encodedHeader);
		this.cloneable = isCloneable(this.prototype);
	}

	AccessKey key() {
		return this.key;
	}

	/**
	 * Signs claims.
	 * @param claims the claims' JSON, UTF-8
	 * @param length how many bytes of {@code claims} to sign
	 * @param maxLength the longest token allowed
	 * @return the compact serialisation {@code header.claims.signature}
	 * @throws AccessTokenTooLongException when the token would be longer than {@code maxLength}; nothing is signed
	 */
	String sign(byte[] claims, int length, int maxLength) {
		byte[] payload = BASE64URL.encode(ByteBuffer.wrap(claims, 0, length)).array();
		int signingLength = this.encodedHeader.length + payload.length;
		int tokenLength = signingLength + 1 + SIGNATURE_LENGTH;
		if (tokenLength > maxLength) {
			throw new AccessTokenTooLongException(tokenLength, maxLength);
		}
		byte[] token = new byte[tokenLength];
		System.arraycopy(this.encodedHeader, 0, token, 0, this.encodedHeader.length);
		System.arraycopy(payload, 0, token, this.encodedHeader.length, payload.length);
		token[signingLength] = '.';
		Mac mac = mac();
		mac.update(token, this.encodedHeader.length, payload.length);
		byte[] signature = BASE64URL.encode(mac.doFinal());
		System.arraycopy(signature, 0, token, signingLength + 1, SIGNATURE_LENGTH);
		// Every byte is ASCII: Latin-1 is the cheapest decoding, a plain copy into a compact string.
		return new String(token, StandardCharsets.ISO_8859_1);
	}

	/**
	 * An HMAC that has absorbed the header.
	 */
	private Mac mac() {
		if (this.cloneable) {
			try {
				return (Mac) this.prototype.clone();
			}
			catch (CloneNotSupportedException ex) {
				// Checked at construction: cannot happen.
			}
		}
		Mac mac = newMac(this.key);
		mac.update(this.encodedHeader);
		return mac;
	}

	private static byte[] encodeHeader(String kid) {
		JsonObjectWriter header = new JsonObjectWriter(64).string("alg", "HS256")
			.string("typ", "JWT")
			.string("kid", kid);
		byte[] json = header.finish();
		byte[] encoded = BASE64URL.encode(ByteBuffer.wrap(json, 0, header.length())).array();
		byte[] withDot = new byte[encoded.length + 1];
		System.arraycopy(encoded, 0, withDot, 0, encoded.length);
		withDot[encoded.length] = '.';
		return withDot;
	}

	private static Mac newMac(AccessKey key) {
		if (key.value().isEmpty()) {
			throw new IllegalArgumentException("Access key " + key.id() + " is empty: it cannot sign tokens");
		}
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			// The service keys its HMAC with the key's text as UTF-8, not with its base64 decoding.
			mac.init(new SecretKeySpec(key.value().getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
		}
	}

	private static boolean isCloneable(Mac mac) {
		try {
			mac.clone();
			return true;
		}
		catch (CloneNotSupportedException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "TokenSigner[kid=" + this.key.id() + "]";
	}

}
