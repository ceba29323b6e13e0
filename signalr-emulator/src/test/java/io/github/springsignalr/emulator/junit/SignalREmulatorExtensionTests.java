package io.github.springsignalr.emulator.junit;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

import io.github.springsignalr.emulator.EntraClient;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.SignalRRole;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link SignalREmulatorExtension}, by annotation and registered in a field: what it starts, injects, shares with
 * nested classes and stops.
 */
class SignalREmulatorExtensionTests {

	@Test
	void annotatedClassGetsOneEmulatorForAllItsTestsAndNestedClassesThenItStops() {
		Recorder.emulators.clear();
		Recorder.vaults.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(AnnotatedExample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(3).succeeded(3));
		assertThat(Recorder.emulators).hasSize(4).containsOnly(Recorder.emulators.get(0));
		SignalREmulator emulator = Recorder.emulators.get(0);
		assertThat(emulator.isRunning()).isFalse();
		assertThat(Recorder.vaults).hasSize(1);
	}

	@Test
	void registeredExtensionIsReachableBeforeTheTestsAndStopsAfterThem() {
		Recorder.emulators.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(RegisteredExample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(Recorder.emulators).hasSize(2).containsOnly(Recorder.emulators.get(0));
		assertThat(Recorder.emulators.get(0).isRunning()).isFalse();
	}

	@Test
	void twoRegisteredExtensionsRunTwoEmulators() {
		Recorder.emulators.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(TwoRegisteredExample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(Recorder.emulators).hasSize(2).doesNotHaveDuplicates();
		assertThat(Recorder.emulators).noneMatch(SignalREmulator::isRunning);
	}

	@Test
	void entraEmulatorIsStartedTrustedInjectedAndStopped() {
		Recorder.entras.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(EntraExample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(Recorder.entras).hasSize(1);
		assertThat(Recorder.entras.get(0).isRunning()).isFalse();
	}

	@Test
	void extensionIsNotUsableBeforeItStarts() {
		SignalREmulatorExtension extension = SignalREmulatorExtension.builder().build();
		assertThatIllegalStateException().isThrownBy(extension::emulator);
	}

	static final class Recorder {

		static final List<SignalREmulator> emulators = new ArrayList<>();

		static final List<KeyVaultEmulator> vaults = new ArrayList<>();

		static final List<EntraEmulator> entras = new ArrayList<>();

	}

	@SignalREmulatorTest(keyVault = true, primaryKey = "primary-key-of-at-least-32-characters")
	static class AnnotatedExample {

		@BeforeAll
		static void beforeAll(SignalREmulator emulator) {
			Recorder.emulators.add(emulator);
		}

		@Test
		void injectsEmulatorVaultAndConnectionStrings(SignalREmulator emulator, KeyVaultEmulator vault,
				@SignalRConnectionString String primary,
				@SignalRConnectionString(KeyType.SECONDARY) String secondary) {
			Recorder.emulators.add(emulator);
			Recorder.vaults.add(vault);
			assertThat(emulator.isRunning()).isTrue();
			assertThat(emulator.port()).isNotEqualTo(SignalREmulator.DEFAULT_PORT);
			assertThat(emulator.accessKey(KeyType.PRIMARY)).isEqualTo("primary-key-of-at-least-32-characters");
			assertThat(primary).isEqualTo(emulator.primaryConnectionString());
			assertThat(secondary).isEqualTo(emulator.secondaryConnectionString());
			assertThat(vault.vaultUri().toString()).startsWith("https://localhost:");
		}

		@Test
		void sameEmulatorForTheNextTest(SignalREmulator emulator) {
			Recorder.emulators.add(emulator);
		}

		@Nested
		class Inner {

			@Test
			void nestedClassSharesIt(SignalREmulator emulator) {
				Recorder.emulators.add(emulator);
			}

		}

	}

	@SignalREmulatorTest(entra = true)
	static class EntraExample {

		@Test
		void signalREmulatorTrustsTheInjectedEntraEmulator(SignalREmulator emulator, EntraEmulator entra) {
			Recorder.entras.add(entra);
			assertThat(entra.isRunning()).isTrue();
			assertThat(emulator.isEntraEnabled()).isTrue();
			entra.registerApplication("tenant", "client", "extension-tests-secret");
			assertThat(EntraClient.accessKeyResponse(emulator, entra.issueToken("tenant", "client")).statusCode())
				.as("no role assigned yet").isEqualTo(403);
			emulator.assignEntraRoles("client", SignalRRole.APP_SERVER);
			assertThat(EntraClient.accessKeyResponse(emulator, entra.issueToken("tenant", "client")).statusCode())
				.isEqualTo(200);
		}

	}

	static class RegisteredExample {

		@RegisterExtension
		static SignalREmulatorExtension signalr = SignalREmulatorExtension.builder().build();

		@BeforeAll
		static void beforeAll() {
			Recorder.emulators.add(signalr.emulator());
			assertThatIllegalStateException().isThrownBy(signalr::keyVault);
			assertThatIllegalStateException().isThrownBy(signalr::entra);
		}

		@Test
		void parameterIsTheSameEmulator(SignalREmulator emulator) {
			Recorder.emulators.add(emulator);
		}

	}

	static class TwoRegisteredExample {

		@RegisterExtension
		static SignalREmulatorExtension east = SignalREmulatorExtension.builder().build();

		@RegisterExtension
		static SignalREmulatorExtension west = SignalREmulatorExtension.builder().build();

		@Test
		void eachHasItsOwn() {
			Recorder.emulators.add(east.emulator());
			Recorder.emulators.add(west.emulator());
			assertThat(east.emulator().port()).isNotEqualTo(west.emulator().port());
		}

	}

}
