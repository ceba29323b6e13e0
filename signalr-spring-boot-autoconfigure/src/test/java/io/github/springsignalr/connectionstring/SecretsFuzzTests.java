package io.github.springsignalr.connectionstring;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.github.springsignalr.connectionstring.SecretFuzzing.Input;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static io.github.springsignalr.connectionstring.SecretFuzzing.KEY;
import static io.github.springsignalr.connectionstring.SecretFuzzing.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link Secrets#redact(String)} with generated keys of every length and alphabet (see
 * {@link SecretFuzzing#accessKeys()}) and Entra-shaped client secrets, written as an application's logs may show them:
 * in connection strings, JSON bodies (escaped {@code \/} included), URL-encoded query strings and form bodies, YAML
 * and properties files, and free text. Whatever the form, what is left holds no 8 characters of either.
 * <p>
 * Keys are found by their shape; a client secret, which has none, by the field that holds it, or, anywhere, once the
 * application has registered it ({@link KnownSecrets}).
 */
class SecretsFuzzTests {

	@Property(tries = 10000)
	void keysAreRedactedByTheirShapeInEveryForm(@ForAll("keysInText") Input input) {
		assertThat(input.holdsSecret(Secrets.redact(input.text()))).as("the redacted text holds a secret").isFalse();
	}

	@Property(tries = 10000)
	void secretsAreRedactedByTheirFieldInEveryForm(@ForAll("secretsInFields") Input input) {
		assertThat(input.holdsSecret(Secrets.redact(input.text()))).as("the redacted text holds a secret").isFalse();
	}

	@Property(tries = 10000)
	void registeredSecretsAreRedactedAnywhere(@ForAll("secretsAnywhere") Input input) {
		KnownSecrets.register(input.key());
		KnownSecrets.register(input.secret());
		assertThat(input.holdsSecret(Secrets.redact(input.text()))).as("the redacted text holds a secret").isFalse();
	}

	@Provide
	Arbitrary<Input> keysInText() {
		String connectionString = "Endpoint=https://a.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;";
		return SecretFuzzing.inputs(Arbitraries.oneOf(forms(connectionString, KEY, "key"), prose(KEY)))
			.map(SecretsFuzzTests::encodedKeys);
	}

	@Provide
	Arbitrary<Input> secretsInFields() {
		String connectionString = "Endpoint=https://a.service.signalr.net;AuthType=azure.app;ClientId=c1;TenantId=t1;"
				+ "ClientSecret=" + SECRET + ";Version=1.0;";
		return SecretFuzzing.inputs(Arbitraries.oneOf(forms(connectionString, SECRET, "client_secret"),
				Arbitraries.of("{\"clientSecret\":\"" + SECRET + "\",\"clientId\":\"c1\"}",
						"{ \"ClientSecret\" : \"" + SECRET + "\" }", "{\"client_secret\":\"" + SECRET + "\"}",
						"client-secret: " + SECRET + "\nclient-id: c1", "  client_secret: '" + SECRET + "'",
						"client-secret: \"" + SECRET + "\"", "grant_type=client_credentials&client_secret=" + SECRET
								+ "&scope=https%3A%2F%2Fsignalr.azure.com%2F.default",
						"client_secret=" + SECRET)))
			.map(SecretsFuzzTests::encodedKeys);
	}

	@Provide
	Arbitrary<Input> secretsAnywhere() {
		return SecretFuzzing.inputs(Arbitraries.oneOf(prose(KEY), prose(SECRET),
				Arbitraries.of("{\"s\":\"" + SECRET + "\",\"k\":\"" + KEY + "\"}", "s=" + SECRET + "&k=" + KEY,
						"[" + SECRET + "](" + KEY + ")")))
			.map(SecretsFuzzTests::encodedKeys);
	}

	/**
	 * A text in each form a log may show it: as is, in JSON, URL-encoded, in YAML or properties; the secret alone also
	 * as the query parameter {@code parameter}.
	 */
	private static Arbitrary<String> forms(String connectionString, String secret, String parameter) {
		return Arbitraries.of(connectionString, "{\"connectionString\":\"" + connectionString + "\"}",
				"{\"accessKey\":\"" + secret + "\"}", "{\"AccessKey\" : \"" + secret + "\", \"KeyId\": \"k\"}",
				"https://app.example.com/x?cs=\uE002" + connectionString + "\uE003&y=1",
				"https://app.example.com/x?" + parameter + "=\uE002" + secret + "\uE003",
				"azure:\n  signalr:\n    connection-string: \"" + connectionString + "\"\n",
				"azure.signalr.connection-string=" + connectionString, "access-key: " + secret + "\n",
				"access_key: '" + secret + "'", "AZURE_SIGNALR_CONNECTIONSTRING=" + connectionString);
	}

	/** The secret in free text, in quotes, in a URI, beside punctuation. */
	private static Arbitrary<String> prose(String secret) {
		return Arbitraries.of("401 Unauthorized (key " + secret + ")", "\"" + secret + "\"", secret,
				"https://h.example.com/p/" + secret + "?x=1", "<" + secret + ">", "'" + secret + "';",
				"value=" + secret + "\n", "key:" + secret, "\t" + secret + ",", "k=\uE002" + secret + "\uE003",
				"{\"v\":\"\uE004" + secret + "\uE005\"}");
	}

	/**
	 * The input with the parts between U+E002 and U+E003 URL-encoded, and between U+E004 and U+E005 JSON-escaped as
	 * some writers do ({@code /} as {@code \/}).
	 */
	private static Input encodedKeys(Input input) {
		String text = input.text();
		text = replaceBetween(text, '\uE002', '\uE003', (part) -> URLEncoder.encode(part, StandardCharsets.UTF_8));
		text = replaceBetween(text, '\uE004', '\uE005', (part) -> part.replace("/", "\\/"));
		return new Input(text, input.key(), input.secret());
	}

	private static String replaceBetween(String text, char start, char end,
			java.util.function.UnaryOperator<String> encoding) {
		int from = text.indexOf(start);
		int to = text.indexOf(end);
		if (from < 0 || to < from) {
			return text;
		}
		return text.substring(0, from) + encoding.apply(text.substring(from + 1, to)) + text.substring(to + 1);
	}

}
