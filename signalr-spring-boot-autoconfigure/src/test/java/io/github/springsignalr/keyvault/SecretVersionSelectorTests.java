package io.github.springsignalr.keyvault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.github.springsignalr.keyvault.internal.SecretVersionSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key-set rules as a table: each row is a set of versions (written {@code id:enabled:nbf:exp:created} in hours
 * from now, {@code -} for none), the version active now, and the next instant the choice may change.
 */
class SecretVersionSelectorTests {

	private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	static Stream<Arguments> keySets() {
		return Stream.of(
				// situation, versions, expected active, next change (hours from now)
				Arguments.of("one dateless version", "a:y:-:-:-5", "a", null),
				Arguments.of("latest dateless version wins", "a:y:-:-:-5 b:y:-:-:-1", "b", null),
				Arguments.of("future-only: nothing active", "a:y:+2:-:-1", null, "2"),
				Arguments.of("expired-only: nothing active", "a:y:-3:-1:-5", null, null),
				Arguments.of("dateless fallback once the dated one expired", "a:y:-:-:-9 b:y:-3:-1:-5", "a", null),
				Arguments.of("dated active beats older dateless", "a:y:-:-:-9 b:y:-3:+4:-5", "b", "4"),
				Arguments.of("future version staged, current stays until then", "a:y:-2:-:-5 b:y:+1:-:-1", "a", "1"),
				Arguments.of("disabled newest is skipped", "a:y:-:-:-5 b:n:-:-:-1", "a", null),
				Arguments.of("disabled only: nothing active", "a:n:-:-:-5", null, null),
				Arguments.of("disabled future version stages nothing", "a:y:-:-:-5 b:n:+1:-:-1", "a", null),
				Arguments.of("most recently activated wins, not most recently created",
						"a:y:-1:-:-5 b:y:-4:-:-2", "a", null),
				Arguments.of("tie on activation: created last wins", "a:y:-2:-:-5 b:y:-2:-:-3", "b", null),
				Arguments.of("tie on activation and creation: greatest id, listed first", "b:y:-2:-:-3 a:y:-2:-:-3", "b",
						null),
				Arguments.of("tie on activation and creation: greatest id, listed last", "a:y:-2:-:-3 b:y:-2:-:-3", "b",
						null),
				Arguments.of("versions set within one second: greatest id", "a:y:-:-:-1 c:y:-:-:-1 b:y:-:-:-1", "c",
						null),
				Arguments.of("expiry at this very instant is expired", "a:y:-:-:-9 b:y:-3:0:-5", "a", null),
				Arguments.of("activation at this very instant is active", "a:y:-:-:-9 b:y:0:-:-5", "b", null),
				Arguments.of("expiring active version: next change is its expiry", "a:y:-1:+3:-2", "a", "3"),
				Arguments.of("plain new version overrides an older dated one", "a:y:-3:+5:-4 b:y:-:-:-1", "b", "5"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keySets")
	void activeVersionAndNextChange(String situation, String versions, String expectedActive, String nextChangeHours) {
		List<SecretVersionProperties> keySet = parse(versions);
		assertThat(SecretVersionSelector.active(keySet, NOW).map(SecretVersionProperties::version).orElse(null))
			.as(situation)
			.isEqualTo(expectedActive);
		assertThat(SecretVersionSelector.nextChange(keySet, NOW).orElse(null)).as(situation)
			.isEqualTo((nextChangeHours != null) ? hours(nextChangeHours) : null);
	}

	@Test
	void refusedVersionsAreLeftOutOfTheChoiceAndOfTheNextChange() {
		List<SecretVersionProperties> keySet = parse("a:y:-:-:-9 b:y:-1:+2:-3 r:y:-:-:-1 s:y:+1:-:-1");
		assertThat(SecretVersionSelector.active(keySet, NOW).orElseThrow().version()).isEqualTo("r");
		assertThat(SecretVersionSelector.active(keySet, NOW, Set.of("r")).orElseThrow().version()).isEqualTo("b");
		assertThat(SecretVersionSelector.active(keySet, NOW, Set.of("r", "b", "a"))).isEmpty();
		assertThat(SecretVersionSelector.nextChange(keySet, NOW, Set.of("s"))).contains(hours("+2"));
	}

	@Test
	void tiedWithListsEveryValidVersionSetInTheSameSecond() {
		List<SecretVersionProperties> keySet = parse("a:y:-:-:-1 c:y:-:-:-1 b:n:-:-:-1 d:y:-:-:-2");
		SecretVersionProperties chosen = SecretVersionSelector.active(keySet, NOW).orElseThrow();
		assertThat(SecretVersionSelector.tiedWith(keySet, chosen, NOW)).extracting(SecretVersionProperties::version)
			.containsExactly("a", "c");
	}

	private static List<SecretVersionProperties> parse(String versions) {
		List<SecretVersionProperties> parsed = new ArrayList<>();
		for (String version : versions.split(" ")) {
			String[] parts = version.split(":");
			parsed.add(new SecretVersionProperties(parts[0], parts[1].equals("y"), hours(parts[2]), hours(parts[3]),
					hours(parts[4])));
		}
		return parsed;
	}

	private static Instant hours(String text) {
		return text.equals("-") ? null : NOW.plusSeconds(Long.parseLong(text.replace("+", "")) * 3600);
	}

}
