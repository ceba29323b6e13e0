package io.github.springsignalr.emulator.auth;

import org.junit.jupiter.api.Test;

import io.github.springsignalr.emulator.KeyType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link KeyRing}: keys of the service's shape, swapped whole, never shown.
 */
class KeyRingTests {

	@Test
	void generatedKeysHaveTheServiceShape() {
		assertThat(KeyRing.generateKey()).matches("[A-Za-z0-9+/]{43}=").isNotEqualTo(KeyRing.generateKey());
	}

	@Test
	void regenerateReplacesOnlyOneKey() {
		KeyRing ring = KeyRing.of("p".repeat(40), "s".repeat(40));
		String fresh = ring.regenerate(KeyType.SECONDARY);
		assertThat(ring.keys()).isEqualTo(new AccessKeys("p".repeat(40), fresh));
	}

	@Test
	void shortKeysAreRefusedWithoutBeingQuoted() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.of("short-secret", null))
			.withMessageContaining("primary access key has 12 characters")
			.withMessageNotContaining("short-secret");
		KeyRing ring = KeyRing.of(null, null);
		AccessKeys before = ring.keys();
		assertThatIllegalArgumentException().isThrownBy(() -> ring.set(KeyType.SECONDARY, "tiny"));
		assertThat(ring.keys()).isEqualTo(before);
	}

	@Test
	void toStringShowsFingerprintsOnly() {
		KeyRing ring = KeyRing.of(null, null);
		assertThat(ring.toString()).doesNotContain(ring.keys().primary())
			.doesNotContain(ring.keys().secondary())
			.contains(KeyFingerprint.of(ring.keys().primary()));
		assertThat(KeyFingerprint.of("x")).hasSize(16).isEqualTo("2d711642b726b044");
	}

}
