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
		// Shorter than a key, or without the '=': not a key.
		assertThat(Secrets.redact("sha256=" + KEY.substring(1))).isEqualTo("sha256=" + KEY.substring(1));
		assertThat(Secrets.redact(KEY.substring(0, 43))).isEqualTo(KEY.substring(0, 43));
		assertThat(Secrets.redact(null)).isNull();
	}

	@Test
	void theKeyIsShapedAsTheServicesKeys() {
		assertThat(Secrets.ACCESS_KEY.matcher(KEY).matches()).isTrue();
	}

	private static String key() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
