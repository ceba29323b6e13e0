package io.github.springsignalr.e2e;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks captured output for secrets: any of the given keys, any access-key-shaped string (43 base64 characters and
 * '='), any JWT.
 */
final class LogScan {

	private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");

	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}");

	private LogScan() {
	}

	static void assertNoSecrets(String output, List<String> keys) {
		assertThat(output).isNotEmpty();
		for (String key : keys) {
			assertThat(output).as("the log shows a key").doesNotContain(key);
		}
		assertThat(ACCESS_KEY.matcher(output).find()).as("the log shows an access-key-shaped string").isFalse();
		assertThat(JWT.matcher(output).find()).as("the log shows a token").isFalse();
	}

}
