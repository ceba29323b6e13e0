package io.github.springsignalr.connectionstring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * Fuzzes the connection-string parser with generated strings: valid ones of every {@link AuthType} mutated (keys in
 * odd case and padding, segments dropped, repeated or reordered, odd separators, values swapped for junk), and
 * random segments with access keys and client secrets embedded where they do not belong. Whatever the input, parsing
 * either succeeds or throws {@link InvalidConnectionStringException}, and nothing it says (message, reason, key,
 * {@code toString()} of the exception or of the result) holds the generated key or secret, or any 8 characters of
 * them.
 * <p>
 * Inputs print redacted (see {@link Input#toString()}), so that not even a failure's report shows a generated key.
 */
class ConnectionStringParserFuzzTests {


	private static final List<String> NAMES = List.of("Endpoint", "AccessKey", "Version", "Port", "ClientEndpoint",
			"ServerEndpoint", "AuthType", "ClientId", "TenantId", "ClientSecret", "ClientCertPath", "ClientCert");

	@Property(tries = 10000)
	void parsingThrowsOnlyItsOwnExceptionAndNeverShowsASecret(@ForAll("connectionStrings") Input input) {
		try {
			ConnectionString parsed = ConnectionString.parse(input.text());
			Statistics.label("outcome").collect("parsed, " + parsed.authType());
			assertThat(input.holdsSecret(parsed.toString())).as("toString() of the result holds a secret").isFalse();
		}
		catch (InvalidConnectionStringException ex) {
			Statistics.label("outcome").collect("refused");
			assertThat(ex.getMessage()).as("the message").isNotBlank();
			assertThat(input.holdsSecret(ex.getMessage())).as("the message holds a secret").isFalse();
			assertThat(input.holdsSecret(ex.getReason())).as("the reason holds a secret").isFalse();
			assertThat(input.holdsSecret(ex.getKey())).as("the key holds a secret").isFalse();
			assertThat(input.holdsSecret(ex.toString())).as("toString() holds a secret").isFalse();
		}
		// The generators reach every kind of valid string, and mostly bad ones.
		Statistics.label("outcome").coverage((coverage) -> {
			for (AuthType type : AuthType.values()) {
				coverage.check("parsed, " + type).count((count) -> count > 0);
			}
			coverage.check("refused").percentage((percent) -> percent > 50);
		});
	}

	@Provide
	Arbitrary<Input> connectionStrings() {
		// Generated with placeholders for the key and the secret, filled in last: cheaper than a generator per key.
		Arbitrary<String> templates = Arbitraries.oneOf(mutatedValid(KEY, SECRET), randomSegments(KEY, SECRET));
		return SecretFuzzing.inputs(templates);
	}

	/** A valid string of a random {@link AuthType}, with up to three mutations. */
	private Arbitrary<String> mutatedValid(String key, String secret) {
		Arbitrary<List<String[]>> valid = Arbitraries.of(
				List.of(pair("Endpoint", "https://a.service.signalr.net"), pair("AccessKey", key),
						pair("Version", "1.0")),
				List.of(pair("Endpoint", "http://localhost"), pair("Port", "8888"), pair("AccessKey", key),
						pair("Version", "1.0"), pair("ClientEndpoint", "https://c.example.com/x"),
						pair("ServerEndpoint", "https://s.example.com")),
				List.of(pair("Endpoint", "https://a.service.signalr.net"), pair("AuthType", "azure")),
				List.of(pair("Endpoint", "https://a.service.signalr.net"), pair("AuthType", "azure.msi"),
						pair("ClientId", "c1")),
				List.of(pair("Endpoint", "https://a.service.signalr.net"), pair("AuthType", "azure.app"),
						pair("ClientId", "c1"), pair("TenantId", "t1"), pair("ClientSecret", secret)),
				List.of(pair("Endpoint", "https://a.service.signalr.net"), pair("AuthType", "azure.app"),
						pair("ClientId", "c1"), pair("TenantId", "t1"), pair("ClientCert", "/certs/app.pem")),
				List.of(pair("Endpoint", "https://a.service.signalr.net"), pair("AuthType", "aad"),
						pair("ClientId", "c1"), pair("TenantId", "t1"), pair("ClientSecret", secret),
						pair("AccessKey", key)));
		Arbitrary<Mutation> mutation = Arbitraries.of(Mutation.class);
		return Combinators.combine(valid, mutation.list().ofMaxSize(3), junk(key, secret).list().ofSize(3),
				Arbitraries.integers().between(0, 1000).list().ofSize(3), separators())
			.as((segments, mutations, junk, positions, separator) -> {
				List<String[]> mutated = new ArrayList<>();
				segments.forEach((segment) -> mutated.add(segment.clone()));
				for (int i = 0; i < mutations.size(); i++) {
					mutations.get(i).apply(mutated, positions.get(i), junk.get(i), key, secret);
				}
				return join(mutated, separator);
			});
	}

	/** Up to eight segments of known or unknown names, in any case and padding, with any values. */
	private Arbitrary<String> randomSegments(String key, String secret) {
		Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(NAMES).map(this::oddCase), junk(key, secret),
				Arbitraries.just(key), Arbitraries.just(secret));
		Arbitrary<String[]> segment = Combinators.combine(name, junk(key, secret), padding(), padding())
			.as((n, v, before, after) -> pair(before + n + after, before + v + after));
		return Combinators.combine(segment.list().ofMaxSize(8), separators()).as(SecretFuzzing::join);
	}

	/** Values a segment should not have: the key or secret, pieces of URIs, separators, unicode, nothing. */
	private Arbitrary<String> junk(String key, String secret) {
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(key)), Tuple.of(2, Arbitraries.just(secret)),
				Tuple.of(2, Arbitraries.just("https://" + key)),
				Tuple.of(1, Arbitraries.just("https://u:" + secret + "@h")),
				Tuple.of(1, Arbitraries.just("https://h/?k=" + key)), Tuple.of(1, Arbitraries.just(key + ":x")),
				Tuple.of(1, Arbitraries.just("https://h:" + key)),
				Tuple.of(3, Arbitraries.of("", " ", "=", "==", "azure", "AZURE.APP", "aad", "azure.foo", "1.0", "2.0",
						"65536", "0", "-1", "٣", "https://", "http://h:0", "ftp://h", "https://[::1]:8080/p/",
						"https://h/%zz", "https://h#f", "//h", "\u00e9ndpoint", "\u0000", "\t\n")),
				Tuple.of(4, Arbitraries.strings().all().ofMaxLength(24)),
				Tuple.of(4, Arbitraries.strings().withChars("=;:/@?#[]%.+ -_~aZ09").ofMaxLength(24)));
	}

	private Arbitrary<String> separators() {
		return Arbitraries.of(";", ";;", " ; ", ";\n", ";\u00a0", ";\t");
	}

	private Arbitrary<String> padding() {
		return Arbitraries.of("", "", "", " ", "\t", "\u00a0", "\u2003");
	}

	private String oddCase(String name) {
		// Stable per name, so that the generator stays shrinkable: upper, lower and as written.
		return switch (Math.floorMod(name.hashCode(), 3)) {
			case 0 -> name.toUpperCase(Locale.ROOT);
			case 1 -> name.toLowerCase(Locale.ROOT);
			default -> name;
		};
	}

	enum Mutation {

		DROP, REPEAT, REPEAT_OTHER_CASE, SWAP_VALUE_FOR_JUNK, SWAP_VALUE_FOR_KEY, SWAP_VALUE_FOR_SECRET,
		NAME_UPPER_CASE, PAD, NO_EQUALS, DOUBLE_EQUALS, MOVE_FIRST_TO_END, KEY_AS_SEGMENT, KEY_IN_URI, SECRET_IN_URI;

		void apply(List<String[]> segments, int position, String junk, String key, String secret) {
			if (segments.isEmpty()) {
				return;
			}
			int i = position % segments.size();
			String[] segment = segments.get(i);
			switch (this) {
				case DROP -> segments.remove(i);
				case REPEAT -> segments.add(segment.clone());
				case REPEAT_OTHER_CASE -> segments.add(pair(segment[0].toLowerCase(Locale.ROOT), segment[1]));
				case SWAP_VALUE_FOR_JUNK -> segment[1] = junk;
				case SWAP_VALUE_FOR_KEY -> segment[1] = key;
				case SWAP_VALUE_FOR_SECRET -> segment[1] = secret;
				case NAME_UPPER_CASE -> segment[0] = segment[0].toUpperCase(Locale.ROOT);
				case PAD -> segments.set(i, pair(" \t" + segment[0] + " ", " " + segment[1] + "\u00a0"));
				case NO_EQUALS -> segments.set(i, pair(segment[0] + segment[1], null));
				case DOUBLE_EQUALS -> segment[1] = "=" + segment[1];
				case MOVE_FIRST_TO_END -> segments.add(segments.remove(0));
				case KEY_AS_SEGMENT -> segments.add(position % (segments.size() + 1), pair(key, null));
				// A URI with the key in its host or path, the secret as its host.
				case KEY_IN_URI -> segment[1] = ((position % 2 == 0) ? "https://" : "http://h:8080/") + key;
				case SECRET_IN_URI -> segment[1] = "https://" + secret;
			}
		}

	}

}
