package io.github.springsignalr.service.protocol;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code toString()} of messages that may hold a secret or a client's data shows neither.
 */
class ServiceMessageToStringTests {

	private final String secret = generatedKey();

	@Test
	void accessKeyResponseNeverShowsTheKey() {
		String text = new AccessKeyResponseMessage("kid-1", this.secret, null, null).toString();
		assertThat(text).doesNotContain(this.secret).contains("kid-1").contains("(redacted)");
		assertThat(new AccessKeyResponseMessage("kid-1", null, "Error", "no").toString()).contains("accessKey=null");
	}

	@Test
	void accessKeyRequestNeverShowsTheToken() {
		String text = new AccessKeyRequestMessage(this.secret, "kid-1").toString();
		assertThat(text).doesNotContain(this.secret).contains("kid-1").contains("(redacted)");
	}

	@Test
	void openConnectionShowsNamesOfClaimsHeadersAndQueryParametersOnly() {
		OpenConnectionMessage message = new OpenConnectionMessage("conn1",
				List.of(new OpenConnectionMessage.Claim("asrs.s.uid", this.secret)),
				Map.of("Authorization", List.of("Bearer " + this.secret)),
				"?hub=chat&access_token=" + this.secret + "&flag", "json", null);
		String text = message.toString();
		assertThat(text).doesNotContain(this.secret)
			.contains("asrs.s.uid")
			.contains("Authorization")
			.contains("[hub, access_token, flag]");
	}

	@Test
	void payloadsAppearByLengthOnly() {
		byte[] data = this.secret.getBytes();
		assertThat(new ConnectionDataMessage("conn1", data).toString()).contains(data.length + " bytes")
			.doesNotContain(this.secret);
		assertThat(new UserDataMessage("user1", Map.of("json", data)).toString())
			.contains("json=" + data.length + " bytes");
		assertThat(new CloseConnectionMessage("conn1", "", Map.of("Asrs-Migrate-To", List.of(this.secret)), null)
			.toString()).doesNotContain(this.secret);
	}

	private static String generatedKey() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
