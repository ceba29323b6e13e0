package io.github.springsignalr.connectionstring;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * What the parsers' fuzz tests share: generated access keys and client secrets, the {@code name=value} segments their
 * inputs are made of, and the input itself, which knows its secrets and prints without them.
 */
public final class SecretFuzzing {

	/** Where a template takes the generated access key (a character of Unicode's private use area). */
	public static final String KEY = "\uE000";

	/** Where a template takes the generated client secret. */
	public static final String SECRET = "\uE001";

	private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-";

	private SecretFuzzing() {
	}

	/**
	 * Access keys as the service makes them (32 random bytes in base64, 43 characters and {@code =}) and as other
	 * issuers do: 24, 32, 48 or 64 random bytes (32, 44, 64 or 88 characters), base64 or base64url, padded or not.
	 * The bytes are uniformly random, as an issuer's are: jqwik's own byte generators favour edge values (all zeros,
	 * {@code ////…}), which have no shape to tell them from text, and no issuer makes.
	 */
	public static Arbitrary<String> accessKeys() {
		Arbitrary<byte[]> bytes = Arbitraries.of(24, 32, 48, 64).flatMap((size) -> Arbitraries.randomValue((random) -> {
			byte[] key = new byte[size];
			random.nextBytes(key);
			return key;
		}));
		Arbitrary<Base64.Encoder> encoders = Arbitraries.of(Base64.getEncoder(), Base64.getEncoder().withoutPadding(),
				Base64.getUrlEncoder(), Base64.getUrlEncoder().withoutPadding());
		return Combinators.combine(bytes, encoders).as((random, encoder) -> encoder.encodeToString(random));
	}

	/** Shaped as Entra client secrets are: 40 characters, the fifth and sixth {@code Q~}. */
	public static Arbitrary<String> clientSecrets() {
		StringArbitrary part = Arbitraries.strings().withChars(SECRET_ALPHABET);
		return Combinators.combine(part.ofLength(3), Arbitraries.strings().numeric().ofLength(1), part.ofLength(34))
			.as((start, digit, rest) -> start + digit + "Q~" + rest);
	}

	/** Inputs from templates, their {@link #KEY} and {@link #SECRET} replaced by a generated key and secret. */
	public static Arbitrary<Input> inputs(Arbitrary<String> templates) {
		return Combinators.combine(templates, accessKeys(), clientSecrets())
			.as((template, key, secret) -> new Input(template.replace(KEY, key).replace(SECRET, secret), key, secret));
	}

	/** A {@code name=value} segment; without value ({@code null}) just the name. */
	public static String[] pair(String name, String value) {
		return new String[] { name, value };
	}

	public static String join(List<String[]> segments, String separator) {
		List<String> texts = new ArrayList<>();
		segments.forEach((segment) -> texts.add((segment[1] != null) ? segment[0] + "=" + segment[1] : segment[0]));
		return String.join(separator, texts);
	}

	/**
	 * A generated input and the secrets in it. Prints redacted: jqwik reports failing inputs.
	 */
	public record Input(String text, String key, String secret) {

		/**
		 * Whether {@code said} holds the key or the secret, or any 8 characters of either.
		 */
		public boolean holdsSecret(String said) {
			return holdsPart(said, this.key) || holdsPart(said, this.secret);
		}

		private static boolean holdsPart(String said, String secret) {
			if (said == null) {
				return false;
			}
			for (int start = 0; start + 8 <= secret.length(); start++) {
				if (said.contains(secret.substring(start, start + 8))) {
					return true;
				}
			}
			return false;
		}

		@Override
		public String toString() {
			return Secrets.redact(this.text.replace(this.secret, Secrets.MARKER));
		}

	}

}
