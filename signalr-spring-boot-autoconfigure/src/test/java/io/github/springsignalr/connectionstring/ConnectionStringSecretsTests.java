package io.github.springsignalr.connectionstring;

import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * No access key or client secret, nor any part of one, in what the connection-string types say about themselves.
 * The key and secret are made at run time (never a key-shaped literal in the sources), and the test names and
 * assertion messages carry only a label, so that not even a failure writes them to a report.
 */
class ConnectionStringSecretsTests {

	// Seeded: the same values on every run, so a failure reproduces.
	private static final Random RANDOM = new Random(20261123);

	/** Shaped as the service's keys are: 32 random bytes in base64, 43 characters and '='. */
	private static final String KEY = accessKey();

	/** Shaped as Entra client secrets are: 40 characters of letters, digits and {@code ~._-}. */
	private static final String SECRET = clientSecret();

	static Stream<Arguments> invalidConnectionStrings() {
		return Stream.of(
				Arguments.of("no endpoint", "AccessKey=" + KEY + ";ClientSecret=" + SECRET),
				Arguments.of("relative endpoint", "Endpoint=aaa;AccessKey=" + KEY),
				Arguments.of("key pasted as the endpoint", "Endpoint=" + KEY + ";AccessKey=" + KEY),
				Arguments.of("secret pasted as the endpoint", "Endpoint=" + SECRET + ";AccessKey=" + KEY),
				Arguments.of("key as the endpoint's scheme", "Endpoint=" + KEY + ":x;AccessKey=" + KEY),
				Arguments.of("key in the endpoint's port", "Endpoint=https://aaa:" + KEY + ";AccessKey=" + KEY),
				Arguments.of("secret as user information", "Endpoint=https://app:" + SECRET + "@aaa;AccessKey=" + KEY),
				Arguments.of("key as the version", "Endpoint=https://aaa;AccessKey=" + KEY + ";Version=" + KEY),
				Arguments.of("key as the port", "Endpoint=https://aaa;AccessKey=" + KEY + ";Port=" + KEY),
				Arguments.of("secret as the auth type",
						"Endpoint=https://aaa;AuthType=" + SECRET + ";AccessKey=" + KEY),
				Arguments.of("key in a client endpoint's query",
						"Endpoint=https://aaa;AccessKey=" + KEY + ";ClientEndpoint=https://bbb/?key=" + KEY),
				Arguments.of("secret in a server endpoint",
						"Endpoint=https://aaa;AccessKey=" + KEY + ";ServerEndpoint=" + SECRET),
				Arguments.of("access key given twice", "Endpoint=https://aaa;AccessKey=" + KEY + ";accesskey=" + KEY),
				Arguments.of("key without its name, twice", "Endpoint=https://aaa;" + KEY + ";" + KEY),
				Arguments.of("secret as an unknown key, twice",
						"Endpoint=https://aaa;AccessKey=" + KEY + ";" + SECRET + "=1;" + SECRET + "=2"),
				Arguments.of("client secret given twice", "Endpoint=https://aaa;AuthType=azure.app;ClientId=c;"
						+ "TenantId=t;ClientSecret=" + SECRET + ";CLIENTSECRET=" + SECRET),
				Arguments.of("application without tenant",
						"Endpoint=https://aaa;AuthType=azure.app;ClientId=c;ClientSecret=" + SECRET),
				Arguments.of("application without client id",
						"Endpoint=https://aaa;AuthType=azure.app;TenantId=t;ClientSecret=" + SECRET + ";AccessKey="
								+ KEY),
				Arguments.of("unknown auth type", "Endpoint=https://aaa;AuthType=azure.foo;AccessKey=" + KEY
						+ ";ClientSecret=" + SECRET),
				Arguments.of("bad version beside secrets", "Endpoint=https://aaa;AccessKey=" + KEY + ";ClientSecret="
						+ SECRET + ";Version=2.0"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("invalidConnectionStrings")
	void errorsShowNoPartOfAKeyOrSecret(String label, String text) {
		InvalidConnectionStringException ex = catchThrowableOfType(InvalidConnectionStringException.class,
				() -> ConnectionString.parse(text));
		assertThat(ex).as("%s is refused", label).isNotNull();
		assertNoSecret(label + ": message", ex.getMessage());
		assertNoSecret(label + ": reason", ex.getReason());
		assertNoSecret(label + ": key", ex.getKey());
		assertNoSecret(label + ": toString", ex.toString());
	}

	@Test
	void parsedConnectionStringsShowNoPartOfAKeyOrSecret() {
		ConnectionString withKey = ConnectionString.parse("Endpoint=https://aaa;AccessKey=" + KEY + ";Version=1.0");
		assertThat(KEY.equals(withKey.accessKey())).as("access key parsed").isTrue();
		assertNoSecret("access-key string", withKey.toString());
		ConnectionString withSecret = ConnectionString
			.parse("Endpoint=https://aaa;AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret=" + SECRET);
		assertThat(SECRET.equals(withSecret.clientSecret())).as("client secret parsed").isTrue();
		assertNoSecret("client-secret string", withSecret.toString());
	}

	@Test
	void buildersShowNoPartOfAKeyOrSecret() {
		ConnectionStringBuilder withKey = new ConnectionStringBuilder().endpoint("https://aaa").accessKey(KEY);
		assertThat(withKey.build().contains(KEY)).as("built string carries the key").isTrue();
		assertNoSecret("access-key builder", withKey.toString());
		ConnectionStringBuilder withSecret = new ConnectionStringBuilder().endpoint("https://aaa")
			.authType(AuthType.AZURE_APP)
			.clientId("c")
			.tenantId("t")
			.clientSecret(SECRET);
		assertThat(withSecret.build().contains(SECRET)).as("built string carries the secret").isTrue();
		assertNoSecret("client-secret builder", withSecret.toString());
	}

	@Test
	void builderErrorsShowNoPartOfAKeyOrSecret() {
		assertBuilderErrorHasNoSecret("key beside an Entra type",
				new ConnectionStringBuilder().endpoint("https://aaa").authType(AuthType.AZURE).accessKey(KEY));
		assertBuilderErrorHasNoSecret("secret with a semicolon",
				new ConnectionStringBuilder().endpoint("https://aaa")
					.authType(AuthType.AZURE_APP)
					.clientId("c")
					.tenantId("t")
					.clientSecret(SECRET + ";x"));
		assertBuilderErrorHasNoSecret("key with blanks",
				new ConnectionStringBuilder().endpoint("https://aaa").accessKey(" " + KEY));
		assertBuilderErrorHasNoSecret("bad port beside a key",
				new ConnectionStringBuilder().endpoint("https://aaa").accessKey(KEY).port(0));
	}

	@Test
	void theCheckFindsAPartOfTheKey() {
		// The check itself must be able to fail, or the tests above prove nothing.
		assertThat(holdsSecret("prefix " + KEY.substring(10, 18) + " suffix")).isTrue();
		assertThat(holdsSecret("prefix " + SECRET.substring(30, 38) + " suffix")).isTrue();
		assertThat(holdsSecret("prefix " + KEY.substring(10, 17) + " suffix")).isFalse();
		assertThat(KEY.length()).isEqualTo(44);
		assertThat(KEY.charAt(43) == '=' && KEY.charAt(42) != '=').as("key ends in a single '='").isTrue();
		assertThat(SECRET.length()).isEqualTo(40);
	}

	private static void assertBuilderErrorHasNoSecret(String label, ConnectionStringBuilder builder) {
		InvalidConnectionStringException ex = catchThrowableOfType(InvalidConnectionStringException.class,
				builder::build);
		assertThat(ex).as("%s is refused", label).isNotNull();
		assertNoSecret(label + ": message", ex.getMessage());
		assertNoSecret(label + ": toString", ex.toString());
		assertNoSecret(label + ": builder", builder.toString());
	}

	// A boolean, so that a failure's report names the label and never quotes the text that leaked.
	private static void assertNoSecret(String label, String text) {
		assertThat(holdsSecret(text)).as("%s holds part of the access key or client secret", label).isFalse();
	}

	private static boolean holdsSecret(String text) {
		if (text == null) {
			return false;
		}
		return holdsPart(text, KEY) || holdsPart(text, SECRET);
	}

	private static boolean holdsPart(String text, String secret) {
		for (int start = 0; start + 8 <= secret.length(); start++) {
			if (text.contains(secret.substring(start, start + 8))) {
				return true;
			}
		}
		return false;
	}

	private static String accessKey() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static String clientSecret() {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-";
		StringBuilder secret = new StringBuilder();
		for (int i = 0; i < 40; i++) {
			secret.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return secret.toString();
	}

}
