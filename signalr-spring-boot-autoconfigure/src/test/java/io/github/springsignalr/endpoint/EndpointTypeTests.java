package io.github.springsignalr.endpoint;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EndpointType}.
 */
class EndpointTypeTests {

	@ParameterizedTest
	@CsvSource({ "primary, PRIMARY", "PRIMARY, PRIMARY", "Primary, PRIMARY", "secondary, SECONDARY",
			"SECONDARY, SECONDARY", "' secondary ', SECONDARY" })
	void readsTypeInAnyCase(String text, EndpointType expected) {
		assertThat(EndpointType.fromText(text)).isEqualTo(expected);
	}

	// .NET folds an unknown type into the name ("foo:bar" is the endpoint "foo:bar"); numbers parse as enum values.
	@ParameterizedTest
	@ValueSource(strings = { "tertiary", "bar", "1", "0", "", "prim" })
	void refusesAnyOtherText(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointType.fromText(text))
			.withMessageContaining("use primary or secondary");
	}

}
