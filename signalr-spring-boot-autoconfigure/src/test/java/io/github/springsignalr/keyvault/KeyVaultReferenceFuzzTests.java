package io.github.springsignalr.keyvault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.springsignalr.connectionstring.SecretFuzzing;
import io.github.springsignalr.connectionstring.SecretFuzzing.Input;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import static io.github.springsignalr.connectionstring.SecretFuzzing.KEY;
import static io.github.springsignalr.connectionstring.SecretFuzzing.SECRET;
import static io.github.springsignalr.connectionstring.SecretFuzzing.join;
import static io.github.springsignalr.connectionstring.SecretFuzzing.pair;
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
		return SecretFuzzing.inputs(templates);
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

}
