package io.github.springsignalr.connectionstring;

import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redaction of connection strings and texts. Keys are made at run time and assertions compare booleans, so that
 * not even a failure's report holds one.
 */
class SecretsTests {

	private static final Random RANDOM = new Random(4711);

	private static final String KEY = key();

	@Test
	void redactsTheAccessKeyOfAConnectionString() {
		String redacted = Secrets.redact("Endpoint=https://a.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;");
		assertThat(redacted.contains(KEY)).isFalse();
		assertThat(redacted.replace(KEY, "KEY"))
			.isEqualTo("Endpoint=https://a.service.signalr.net;AccessKey=<redacted>;Version=1.0;");
	}

	@Test
	void redactsSecretValuesInAnyCaseAndPaddingUpToTheNextSemicolon() {
		assertThat(Secrets.redact("accesskey = not-base64 at all;Version=1.0"))
			.isEqualTo("accesskey =<redacted>;Version=1.0");
		assertThat(Secrets.redact("AuthType=azure.app;CLIENTSECRET=abc~def.ghi;ClientId=c"))
			.isEqualTo("AuthType=azure.app;CLIENTSECRET=<redacted>;ClientId=c");
		assertThat(Secrets.redact("ClientSecret=tail")).isEqualTo("ClientSecret=<redacted>");
	}

	@Test
	void redactsAKeyAnywhereInAText() {
		String redacted = Secrets.redact("401 from https://h/" + KEY + " (key " + KEY + ")");
		assertThat(redacted.contains(KEY)).isFalse();
		assertThat(redacted).isEqualTo("401 from https://h/<redacted> (key <redacted>)");
	}

	@Test
	void redactsTheMessageOfAnException() {
		assertThat(Secrets.redactedMessage(new IllegalStateException("bad key " + KEY)))
			.isEqualTo("bad key <redacted>");
		assertThat(Secrets.redactedMessage(new IllegalStateException())).isNull();
	}

	@Test
	void leavesTextWithoutSecretsAlone() {
		String text = "Endpoint=https://a.service.signalr.net;AuthType=azure.msi;ClientId=1b2c;Version=1.0;";
		assertThat(Secrets.redact(text)).isEqualTo(text);
		// Shorter than 32 characters, in one letter case (hex, GUIDs), or words (names, paths): not a key.
		assertThat(Secrets.redact("kid " + KEY.substring(0, 31))).isEqualTo("kid " + KEY.substring(0, 31));
		String hex = "sha256=3f2a9c0d4e5b6a7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7";
		assertThat(Secrets.redact(hex)).isEqualTo(hex);
		String names = "1B2C3D4E-5F60-4A1B-8C2D-3E4F5A6B7C8D in ConnectionStringResolutionException at "
				+ "/Users/Someone/Projects/spring-signalr/target/test-classes";
		assertThat(Secrets.redact(names)).isEqualTo(names);
		String ids = "https://v.vault.azure.net/secrets/signalr-connection-string-east2/0123456789abcdef0123456789abcdef "
				+ "AZURE_SIGNALR_CONNECTIONSTRING_WEST_SECONDARY /api/hubs/chat/users/user-1/groups/group-2/:send";
		assertThat(Secrets.redact(ids)).isEqualTo(ids);
		assertThat(Secrets.redact(null)).isNull();
	}

	@Test
	void redactsKeysOfOtherLengthsAndAlphabetsByTheirShape() {
		for (int bytes : new int[] { 24, 32, 48, 64 }) {
			byte[] random = new byte[bytes];
			RANDOM.nextBytes(random);
			String padded = Base64.getEncoder().encodeToString(random);
			String unpadded = Base64.getEncoder().withoutPadding().encodeToString(random);
			String url = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			for (String key : new String[] { padded, unpadded, url }) {
				String said = Secrets.redact("401 (key " + key + ")");
				assertThat(said.contains(key.substring(0, 16))).as("a key of %d characters shows", key.length())
					.isFalse();
				assertThat(said).isEqualTo("401 (key <redacted>)");
			}
		}
	}

	@Test
	void redactsJsonEscapedAndUrlEncodedKeys() {
		String key = keyWith('/', '+');
		String json = "{\"key\":\"" + key.replace("/", "\\/") + "\"}";
		assertThat(Secrets.redact(json)).isEqualTo("{\"key\":\"<redacted>\"}");
		String url = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
		assertThat(Secrets.redact("GET /x?k=" + url + "&y=1")).isEqualTo("GET /x?k=<redacted>&y=1");
	}

	@Test
	void redactsSecretFieldsOfJsonYamlAndFormBodies() {
		assertThat(Secrets.redact("{\"AccessKey\": \"short\\\"key\", \"KeyId\":\"k1\"}"))
			.isEqualTo("{\"AccessKey\": \"<redacted>\", \"KeyId\":\"k1\"}");
		assertThat(Secrets.redact("client-secret: abc~def.ghi\naccess_key: 'x.y~z'"))
			.isEqualTo("client-secret: <redacted>\naccess_key: '<redacted>'");
		assertThat(Secrets.redact("grant_type=client_credentials&client_secret=abc~def.ghi&scope=s"))
			.isEqualTo("grant_type=client_credentials&client_secret=<redacted>&scope=s");
		assertThat(Secrets.redact("cs=Endpoint%3Dhttps%3A%2F%2Fh%3BAccessKey%3Dabc.def%3BVersion%3D1.0"))
			.isEqualTo("cs=Endpoint%3Dhttps%3A%2F%2Fh%3BAccessKey%3D<redacted>%3BVersion%3D1.0");
	}

	@Test
	void redactsJsonWebTokens() {
		String token = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJodHRwczovL2gifQ.c2ln";
		assertThat(Secrets.redact("Bearer " + token + " refused")).isEqualTo("Bearer <redacted> refused");
		assertThat(Secrets.hasSecretShape(token)).isTrue();
		assertThat(Secrets.hasSecretShape("Bearer")).isFalse();
	}

	@Test
	void redactsTheExactValueOfARegisteredSecretInEveryForm() {
		String secret = "wk" + RANDOM.nextInt(1_000_000) + "~a.b/c+d=";
		KnownSecrets.register(secret);
		String url = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
		String lowerCaseEscapes = url.replace("%7E", "%7e").replace("%2F", "%2f").replace("%2B", "%2b")
			.replace("%3D", "%3d");
		String text = "raw " + secret + ", json \"" + secret.replace("/", "\\/") + "\", url " + url + ", lower "
				+ lowerCaseEscapes + ", unicode "
				+ secret.replace("/", "\\u002F").replace("+", "\\u002B").replace("=", "\\u003D");
		String said = Secrets.redact(text);
		assertThat(said.contains(secret.substring(0, 8))).isFalse();
		assertThat(said).isEqualTo(
				"raw <redacted>, json \"<redacted>\", url <redacted>, lower <redacted>, unicode <redacted>");
	}

	@Test
	void keepsABoundedNumberOfSecrets() {
		String first = "first-" + RANDOM.nextLong();
		KnownSecrets.register(first);
		for (int i = 0; i < KnownSecrets.CAPACITY; i++) {
			KnownSecrets.register("filler-" + i + "-" + RANDOM.nextLong());
		}
		assertThat(KnownSecrets.occursIn(first)).isFalse();
		KnownSecrets.register("short");
		assertThat(KnownSecrets.occursIn("short")).isFalse();
	}

	@Test
	void aRedactedExceptionStandsForAChainWithoutItsSecrets() {
		IllegalStateException cause = new IllegalStateException("inner AccessKey=" + KEY);
		RuntimeException original = new RuntimeException("outer " + KEY, cause);
		original.addSuppressed(new IllegalArgumentException("suppressed " + KEY));
		RedactedException redacted = RedactedException.of(original);
		assertThat(redacted.getMessage()).isEqualTo("java.lang.RuntimeException: outer <redacted>");
		assertThat(redacted.getStackTrace()).isEqualTo(original.getStackTrace());
		assertThat(redacted.getCause()).hasMessage("java.lang.IllegalStateException: inner AccessKey=<redacted>")
			.hasNoCause();
		assertThat(redacted.getSuppressed()).singleElement()
			.satisfies((suppressed) -> assertThat(suppressed.getMessage().contains(KEY)).isFalse());
		assertThat(redacted.getOriginalClassName()).isEqualTo(RuntimeException.class.getName());
		assertThat(RedactedException.of(null)).isNull();
	}

	@Test
	void theKeyIsShapedAsTheServicesKeys() {
		assertThat(Secrets.ACCESS_KEY.matcher(KEY).matches()).isTrue();
	}

	private static String keyWith(char... characters) {
		String key = key();
		while (!containsAll(key, characters)) {
			key = key();
		}
		return key;
	}

	private static boolean containsAll(String key, char... characters) {
		for (char c : characters) {
			if (key.indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	private static String key() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
