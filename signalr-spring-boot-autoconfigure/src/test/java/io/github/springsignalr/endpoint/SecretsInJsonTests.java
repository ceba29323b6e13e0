package io.github.springsignalr.endpoint;

import java.util.Base64;
import java.util.Random;

import io.github.springsignalr.connectionstring.ConnectionString;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection string, an access key or an endpoint handed to a JSON mapper (an application's debug endpoint, a
 * cache, an event sent elsewhere) is written without its secrets, by a mapper configured by no one: Jackson 3, which
 * Spring Boot 4 uses, and Jackson 2, which the Azure SDK still brings along, read the same annotations.
 */
class SecretsInJsonTests {

	private static final Random RANDOM = new Random(1862);

	private static final String KEY = key();

	private static final String SECRET = "abc1Q~" + key().substring(0, 34).replace('/', '.').replace('+', '_');

	private final ConnectionString accessKeyString = ConnectionString
		.parse("Endpoint=https://a.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;");

	private final ConnectionString entraString = ConnectionString.parse("Endpoint=https://a.service.signalr.net;"
			+ "AuthType=azure.app;ClientId=c1;TenantId=t1;ClientSecret=" + SECRET + ";Version=1.0;");

	@Test
	void jackson3WritesNoSecret() {
		JsonMapper mapper = new JsonMapper();
		assertNoSecret(mapper.writeValueAsString(this.accessKeyString));
		assertNoSecret(mapper.writeValueAsString(this.entraString));
		assertNoSecret(mapper.writeValueAsString(AccessKey.of(KEY)));
		String endpoint = mapper.writeValueAsString(ServiceEndpoint.of("east", EndpointType.PRIMARY, this.accessKeyString));
		assertNoSecret(endpoint);
		assertThat(endpoint).contains("\"name\":\"east\"").contains("\"online\":true");
		assertThat(mapper.writeValueAsString(AccessKey.of(KEY))).contains("\"id\":\"" + AccessKey.fingerprint(KEY));
	}

	@Test
	void jackson2WritesNoSecret() throws Exception {
		com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
		assertNoSecret(mapper.writeValueAsString(this.accessKeyString));
		assertNoSecret(mapper.writeValueAsString(this.entraString));
		assertNoSecret(mapper.writeValueAsString(AccessKey.of(KEY)));
		assertNoSecret(
				mapper.writeValueAsString(ServiceEndpoint.of("east", EndpointType.PRIMARY, this.accessKeyString)));
	}

	private static void assertNoSecret(String json) {
		assertThat(json.contains(KEY.substring(0, 12))).as("the JSON holds the access key").isFalse();
		assertThat(json.contains(SECRET.substring(6, 18))).as("the JSON holds the client secret").isFalse();
		assertThat(json).startsWith("{");
	}

	private static String key() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
