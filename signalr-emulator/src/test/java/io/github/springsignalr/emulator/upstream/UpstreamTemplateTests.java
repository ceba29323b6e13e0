package io.github.springsignalr.emulator.upstream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link UpstreamTemplate}: placeholders, their encoding, and a {@code toString()} without the query.
 */
class UpstreamTemplateTests {

	@Test
	void placeholdersAreReplacedWherever() {
		UpstreamTemplate template = new UpstreamTemplate(
				"http://localhost:7071/runtime/webhooks/signalr/{hub}?category={category}&event={event}&code=k");
		assertThat(template.expand("chat", "messages", "send").toString())
			.isEqualTo("http://localhost:7071/runtime/webhooks/signalr/chat?category=messages&event=send&code=k");
	}

	@Test
	void valuesArePercentEncodedAsDataStrings() {
		UpstreamTemplate template = new UpstreamTemplate("https://app.example/{hub}/{category}/{event}");
		assertThat(template.expand("chat", "messages", "a b/c+d~e*").toString())
			.isEqualTo("https://app.example/chat/messages/a%20b%2Fc%2Bd~e%2A");
	}

	@Test
	void toStringLeavesOutTheQuery() {
		UpstreamTemplate template = new UpstreamTemplate("https://func.example/api/{event}?code=function-key");
		assertThat(template).hasToString("https://func.example/api/{event}?…");
		assertThat(template.toString()).doesNotContain("function-key");
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost/{hub}", "ftp://host/{hub}", "http://host/{hub} with space", "" })
	void invalidTemplatesAreRefused(String template) {
		assertThatIllegalArgumentException().isThrownBy(() -> new UpstreamTemplate(template))
			.withMessageContaining("upstream URL template");
	}

	@Test
	void refusalDoesNotQuoteTheQuery() {
		assertThatIllegalArgumentException().isThrownBy(() -> new UpstreamTemplate("ftp://host/x?code=secret"))
			.withMessageNotContaining("secret");
	}

}
