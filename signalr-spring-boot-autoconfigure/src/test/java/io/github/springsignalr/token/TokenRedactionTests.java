package io.github.springsignalr.token;

import java.util.stream.Stream;

import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.springsignalr.token.TokenTestSupport.KEY;
import static io.github.springsignalr.token.TokenTestSupport.endpoint;
import static io.github.springsignalr.token.TokenTestSupport.leaksKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing in this package prints a key or a token.
 */
class TokenRedactionTests {

	private static final SignalRTokenService TOKENS = new SignalRTokenService();

	private static final ServiceEndpoint ENDPOINT = endpoint("https://demo.service.signalr.net");

	private static final NegotiateResponse NEGOTIATION = TOKENS.negotiate(ENDPOINT,
			ClientTokenRequest.of("chat", "user-1"));

	private static final RestCall REST_CALL = TOKENS.restCall(ENDPOINT, "/api/hubs/chat/:send",
			"api-version=2022-06-01");

	static Stream<Arguments> texts() {
		TokenSigners signers = new TokenSigners();
		TokenSigner signer = signers.get(AccessKey.of(KEY));
		return Stream.of(Arguments.of("NegotiateResponse", NEGOTIATION.toString()),
				Arguments.of("RestCall", REST_CALL.toString()),
				Arguments.of("SignalRTokenService", TOKENS.toString()), Arguments.of("TokenSigners", signers.toString()),
				Arguments.of("TokenSigner", signer.toString()), Arguments.of("AccessKey", AccessKey.of(KEY).toString()),
				Arguments.of("ServiceEndpoint", ENDPOINT.toString()),
				Arguments.of("AccessTokenTooLongException", new AccessTokenTooLongException(5000, 4096).toString()),
				Arguments.of("AccessKeyUnavailableException",
						new AccessKeyUnavailableException(new EndpointId("east", EndpointType.PRIMARY)).toString()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("texts")
	void neitherKeyNorTokenIsPrinted(String what, String text) {
		assertThat(leaksKey(text)).as("%s leaks the key: %s", what, text).isFalse();
		assertThat(text).doesNotContain(NEGOTIATION.accessToken())
			.doesNotContain(REST_CALL.token())
			.doesNotContain("eyJ");
	}

	@Test
	void redactedFormsStillSayWhatTheyAre() {
		assertThat(NEGOTIATION.toString())
			.isEqualTo("NegotiateResponse[url=https://demo.service.signalr.net/client/?hub=chat, accessToken=***]");
		assertThat(REST_CALL.toString()).isEqualTo(
				"RestCall[uri=https://demo.service.signalr.net/api/hubs/chat/:send?api-version=2022-06-01, token=***]");
		assertThat(TOKENS.toString()).contains(AccessKey.fingerprint(KEY)).contains("PT1H");
	}

}
