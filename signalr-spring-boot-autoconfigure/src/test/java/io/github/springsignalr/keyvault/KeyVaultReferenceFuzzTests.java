package io.github.springsignalr.keyvault;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.github.springsignalr.connectionstring.Secrets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.StringArbitrary;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the Key Vault reference parser: valid references of both forms mutated (prefix in odd case and padding,
 * parts dropped, repeated or swapped for junk, a connection string's access key or client secret pasted where a
 * part belongs, a missing parenthesis), and random parts. Whatever the input, parsing either succeeds or throws
 * {@link InvalidKeyVaultReferenceException}, whose message never holds the generated key or secret, or any 8
 * characters of them.
 * <p>
 * Inputs print redacted (see {@link Input#toString()}), so that not even a failure's report shows a generated key.
 */
class KeyVaultReferenceFuzzTests {

	// Placeholders, from Unicode's private use area, filled in last.
	private static final String KEY = "\uE000";

	private static final String SECRET = "\uE001";

	private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-";

	private static final List<String> NAMES = List.of("SecretUri", "VaultName", "SecretName", "SecretVersion");

	@Property(tries = 10000)
	void parsingThrowsOnlyItsOwnExceptionAndNeverShowsASecret(@ForAll("references") Input input) {
		try {
			KeyVaultReference.parse(input.text());
			Statistics.label("outcome").collect("parsed");
		}
		catch (InvalidKeyVaultReferenceException ex) {
			Statistics.label("outcome").collect("refused");
			assertThat(ex.getMessage()).as("the message").isNotBlank();
			assertThat(input.holdsSecret(ex.getMessage())).as("the message holds a secret").isFalse();
			assertThat(input.holdsSecret(ex.toString())).as("toString() holds a secret").isFalse();
		}
	}

	@Provide
	Arbitrary<Input> references() {
		Arbitrary<String> templates = Arbitraries.oneOf(mutatedValid(), randomParts());
		return Combinators.combine(templates, accessKeys(), clientSecrets())
			.as((template, key, secret) -> new Input(template.replace(KEY, key).replace(SECRET, secret), key, secret));
	}

	private Arbitrary<String> mutatedValid() {
		Arbitrary<List<String[]>> valid = Arbitraries.of(
				List.<String[]>of(pair("SecretUri", "https://myvault.vault.azure.net/secrets/signalr-east/")),
				List.<String[]>of(pair("SecretUri", "https://myvault.vault.azure.net/secrets/s/0123456789abcdef")),
				List.<String[]>of(pair("SecretUri", "https://localhost:8443/secrets/s")),
				List.of(pair("VaultName", "myvault"), pair("SecretName", "signalr-east")),
				List.of(pair("VaultName", "myvault"), pair("SecretName", "signalr-east"),
						pair("SecretVersion", "0123456789abcdef")));
		return Combinators.combine(valid, Arbitraries.of(Mutation.class).list().ofMaxSize(3),
				junk().list().ofSize(3), Arbitraries.integers().between(0, 1000).list().ofSize(3), prefixes(),
				Arbitraries.of(")", ")", " ) ", "", ";)"), Arbitraries.of(";", ";", " ; ", ";;"))
			.as((parts, mutations, junk, positions, prefix, end, separator) -> {
				List<String[]> mutated = new ArrayList<>();
				parts.forEach((part) -> mutated.add(part.clone()));
				for (int i = 0; i < mutations.size(); i++) {
					mutations.get(i).apply(mutated, positions.get(i), junk.get(i));
				}
				return prefix + join(mutated, separator) + end;
			});
	}

	private Arbitrary<String> randomParts() {
		Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(NAMES), junk());
		Arbitrary<String[]> part = Combinators.combine(name, junk(), Arbitraries.of("", "", " ", "\u00a0"))
			.as((n, v, pad) -> pair(pad + n + pad, pad + v + pad));
		return Combinators.combine(prefixes(), part.list().ofMaxSize(5), Arbitraries.of(")", "", "))"))
			.as((prefix, parts, end) -> prefix + join(parts, ";") + end);
	}

	private Arbitrary<String> prefixes() {
		return Arbitraries.of("@Microsoft.KeyVault(", "@microsoft.keyvault(", "  @MICROSOFT.KEYVAULT(",
				"@Microsoft.KeyVault( ", "@Microsoft.KeyVault", "Microsoft.KeyVault(", KEY + "(");
	}

	private Arbitrary<String> junk() {
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(KEY)), Tuple.of(3, Arbitraries.just(SECRET)),
				Tuple.of(1, Arbitraries.just("https://v.vault.azure.net/secrets/" + KEY)),
				Tuple.of(1, Arbitraries.just("https://v.vault.azure.net/secrets/" + SECRET + "/")),
				Tuple.of(1, Arbitraries.just("https://v.vault.azure.net/secrets/s/" + SECRET)),
				Tuple.of(1, Arbitraries.just("https://u:" + SECRET + "@v.vault.azure.net/secrets/s/")),
				Tuple.of(1, Arbitraries.just("https://v.vault.azure.net/secrets/s/?k=" + KEY)),
				Tuple.of(1, Arbitraries.just("Endpoint=https://a;AccessKey=" + KEY)),
				Tuple.of(3, Arbitraries.of("", " ", "=", "myvault", "s", "ab", "https://", "http://v/secrets/s",
						"https://v/keys/s", "https://v/secrets/s/v/x", "https://v/secrets/s_1",
						"https://[::1]/secrets/s",
						"https://v/%zz", "\u00e9", "\u0000", "\t\n", ")", "(")),
				Tuple.of(4, Arbitraries.strings().all().ofMaxLength(24)),
				Tuple.of(4, Arbitraries.strings().withChars("=;:/@?#[]%.+ -_~()aZ09").ofMaxLength(24)));
	}

	private static String join(List<String[]> parts, String separator) {
		List<String> texts = new ArrayList<>();
		parts.forEach((part) -> texts.add((part[1] != null) ? part[0] + "=" + part[1] : part[0]));
		return String.join(separator, texts);
	}

	private static String[] pair(String name, String value) {
		return new String[] { name, value };
	}

	private static Arbitrary<String> accessKeys() {
		return Arbitraries.bytes()
			.array(byte[].class)
			.ofSize(32)
			.map((bytes) -> Base64.getEncoder().encodeToString(bytes));
	}

	/** Shaped as Entra client secrets are: 40 characters, the fifth and sixth {@code Q~}. */
	private static Arbitrary<String> clientSecrets() {
		StringArbitrary part = Arbitraries.strings().withChars(SECRET_ALPHABET);
		return Combinators.combine(part.ofLength(3), Arbitraries.strings().numeric().ofLength(1), part.ofLength(34))
			.as((start, digit, rest) -> start + digit + "Q~" + rest);
	}

	enum Mutation {

		DROP, REPEAT, SWAP_VALUE_FOR_JUNK, SWAP_NAME_FOR_JUNK, NAME_CASE, NO_EQUALS, EMPTY_VALUE, KEY_AS_PART,
		SECRET_AS_PART, EXTRA_PART;

		void apply(List<String[]> parts, int position, String junk) {
			if (parts.isEmpty()) {
				return;
			}
			int i = position % parts.size();
			String[] part = parts.get(i);
			switch (this) {
				case DROP -> parts.remove(i);
				case REPEAT -> parts.add(part.clone());
				case SWAP_VALUE_FOR_JUNK -> part[1] = junk;
				case SWAP_NAME_FOR_JUNK -> part[0] = junk;
				case NAME_CASE -> part[0] = part[0].toUpperCase(Locale.ROOT);
				case NO_EQUALS -> parts.set(i, pair(part[0] + part[1], null));
				case EMPTY_VALUE -> part[1] = "";
				case KEY_AS_PART -> parts.add(pair(KEY, null));
				case SECRET_AS_PART -> parts.add(pair(SECRET, null));
				case EXTRA_PART -> parts.add(pair(NAMES.get(position % NAMES.size()), junk));
			}
		}

	}

	/**
	 * A generated reference and the secrets in it. Prints redacted: jqwik reports failing inputs.
	 */
	record Input(String text, String key, String secret) {

		boolean holdsSecret(String said) {
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
