package io.github.springsignalr.architecture;

import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import io.github.springsignalr.architecture.fixtures.setup.StartsItsOwnEmulators;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issue 17: the module's tests get their emulators from the test support ({@code @AutoConfigureSignalREmulator}) or
 * the emulator's JUnit extension, not by building and starting them by hand. Checked on the test classes' byte code;
 * the support's own tests ({@code io.github.springsignalr.test}) and the exceptions below, each with its reason, may.
 */
class EmulatorSetUpTests {

	/**
	 * Test classes (top-level name) that still start an emulator themselves, each with the reason why; none at
	 * present. A class added here must still start one ({@link #everyExceptionIsStillNeeded()}).
	 */
	static final Map<String, String> EXCEPTIONS = Map.of();

	/** The SignalR emulator's builder. */
	private static final DescribedPredicate<JavaAccess<?>> BUILDS_A_SIGNALR_EMULATOR = target(
			owner(isOneOf(SignalREmulator.class)))
		.and(target(name("builder")));

	/**
	 * The Key Vault or Microsoft Entra ID emulator's static start (a new emulator); starting the same one again after
	 * an outage, {@code start()}, is not set-up.
	 */
	private static final DescribedPredicate<JavaAccess<?>> STARTS_A_VAULT_OR_ENTRA_EMULATOR = DescribedPredicate
		.describe("target is a Key Vault or Entra emulator's static start",
				(access) -> isOneOf(KeyVaultEmulator.class, EntraEmulator.class).test(access.getTargetOwner())
						&& access.getName().equals("start") && access instanceof JavaCall<?> call
						&& !call.getTarget().getRawParameterTypes().isEmpty());

	static final ArchRule NO_HAND_WRITTEN_EMULATOR_SET_UP = noClasses().that()
		.resideInAPackage("io.github.springsignalr..")
		.and()
		.resideOutsideOfPackages("io.github.springsignalr.test..", "io.github.springsignalr.emulator..")
		.and(areNotExceptions())
		.should()
		.callMethodWhere(BUILDS_A_SIGNALR_EMULATOR)
		.orShould()
		.callMethodWhere(STARTS_A_VAULT_OR_ENTRA_EMULATOR)
		.because("tests get their emulators from @AutoConfigureSignalREmulator or SignalREmulatorExtension (issue 17)");

	private static JavaClasses testClasses;

	@BeforeAll
	static void importTestClasses() {
		Location location = Location.of(EmulatorSetUpTests.class.getProtectionDomain().getCodeSource().getLocation());
		testClasses = new ClassFileImporter().importLocations(Set.of(location))
			.that(DescribedPredicate.describe("are not architecture fixtures",
					(javaClass) -> !javaClass.getPackageName().startsWith("io.github.springsignalr.architecture")));
		// Guards against a rule passing on nothing: the module's end-to-end tests are there.
		assertThat(testClasses.contain("io.github.springsignalr.e2e.ChatEndToEndTests")).isTrue();
		assertThat(testClasses.contain("io.github.springsignalr.e2e.DefaultModeEndpointAvailabilityTests"))
			.isTrue();
	}

	@Test
	void testsDoNotStartEmulatorsByHand() {
		NO_HAND_WRITTEN_EMULATOR_SET_UP.check(testClasses);
	}

	@Test
	void ruleFailsOnATestThatStartsEmulatorsByHand() {
		JavaClasses classes = new ClassFileImporter().importClasses(StartsItsOwnEmulators.class);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> NO_HAND_WRITTEN_EMULATOR_SET_UP.check(classes))
			.withMessageContaining("SignalREmulator.builder()")
			.withMessageContaining("KeyVaultEmulator.start(int)")
			.withMessageContaining("EntraEmulator.start(int)");
	}

	@Test
	void everyExceptionIsStillNeeded() {
		// An exception whose class no longer starts an emulator is stale: remove it from the list.
		for (String exception : EXCEPTIONS.keySet()) {
			JavaClasses own = testClasses.that(DescribedPredicate.describe("is " + exception,
					(javaClass) -> topLevelName(javaClass).equals(exception)));
			assertThat(own).as(exception).isNotEmpty();
			assertThatExceptionOfType(AssertionError.class).as(exception)
				.isThrownBy(() -> noClasses().should()
					.callMethodWhere(BUILDS_A_SIGNALR_EMULATOR)
					.orShould()
					.callMethodWhere(STARTS_A_VAULT_OR_ENTRA_EMULATOR)
					.check(own));
		}
	}

	private static DescribedPredicate<JavaClass> areNotExceptions() {
		return DescribedPredicate.describe("are not listed exceptions",
				(javaClass) -> !EXCEPTIONS.containsKey(topLevelName(javaClass)));
	}

	private static DescribedPredicate<JavaClass> isOneOf(Class<?>... types) {
		return DescribedPredicate.describe("an emulator", (javaClass) -> {
			for (Class<?> type : types) {
				if (javaClass.isEquivalentTo(type)) {
					return true;
				}
			}
			return false;
		});
	}

	/** The class itself for a top-level class, its outermost enclosing class for a nested or anonymous one. */
	private static String topLevelName(JavaClass javaClass) {
		String name = javaClass.getName();
		int dollar = name.indexOf('$');
		return (dollar < 0) ? name : name.substring(0, dollar);
	}

}
