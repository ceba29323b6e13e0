package io.github.springsignalr.architecture;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.github.springsignalr.architecture.fixtures.autoconfigure.OpenAutoConfiguration;
import io.github.springsignalr.architecture.fixtures.library.ExposesInternal;
import io.github.springsignalr.architecture.fixtures.cycle.a.CycleA;
import io.github.springsignalr.architecture.fixtures.cycle.b.CycleB;
import io.github.springsignalr.architecture.fixtures.internal.Support;
import io.github.springsignalr.architecture.fixtures.library.UsesWiring;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rules the module's main classes keep, checked on their byte code (the module's own classes only, not the emulator
 * or the protocol that sit beside them on the test class path). Each rule is also run on a deliberate violation
 * ({@code fixtures}, test classes no context loads) to show that it can fail.
 */
class ArchitectureTests {

	/** The packages that wire the library: Boot's auto-configuration, and the test support's registrar. */
	private static final String[] WIRING = { "io.github.springsignalr.autoconfigure..",
			"io.github.springsignalr.test.." };

	/** Packages whose types are not API: the support code and the wiring. */
	private static final String[] INTERNAL_OR_WIRING = { "io.github.springsignalr..internal..",
			"io.github.springsignalr.autoconfigure..", "io.github.springsignalr.test.." };

	private static final Pattern INTERNAL = Pattern.compile("io\\.github\\.springsignalr\\..*\\.internal(\\..*)?");

	private static final Pattern SPRING_CLOUD_AZURE_IMPLEMENTATION = Pattern
		.compile("com\\.azure\\.spring\\..*\\.implementation\\..*");

	/**
	 * The library (connection strings, endpoints, tokens, REST, Key Vault, Entra, upstream, server connections,
	 * actuator support) knows nothing of the auto-configuration that wires it.
	 */
	static final ArchRule LIBRARY_DOES_NOT_USE_WIRING = noClasses().that()
		.resideInAPackage("io.github.springsignalr..")
		.and()
		.resideOutsideOfPackages(WIRING)
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.springsignalr.autoconfigure..")
		.because("the library packages know nothing of the auto-configuration that wires them");

	/** Every package is its own slice: no two packages depend on each other, directly or around a loop. */
	static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.github.springsignalr.(**)")
		.should()
		.beFreeOfCycles()
		.as("no package cycles");

	/**
	 * The auto-configuration only wires: the Spring MVC and WebFlux handlers it routes to live in the library
	 * ({@code negotiate.internal}, {@code upstream.internal}).
	 */
	static final ArchRule AUTO_CONFIGURATION_HANDLES_NO_REQUEST = noClasses().that()
		.resideInAPackage("io.github.springsignalr..autoconfigure..")
		.should()
		.beAssignableTo(org.springframework.web.servlet.function.HandlerFunction.class)
		.orShould()
		.beAssignableTo(org.springframework.web.reactive.function.server.HandlerFunction.class)
		.because("request handling is library code; the auto-configuration only wires it");

	/**
	 * What an application sees stays clear of the support code: no public method of a public library type outside the
	 * wiring takes or returns a type of an {@code internal} package (constructors aside, which the wiring calls).
	 */
	static final ArchRule API_EXPOSES_NO_INTERNAL_TYPE = methods().that()
		.arePublic()
		.and()
		.areDeclaredInClassesThat()
		.arePublic()
		.and()
		.areDeclaredInClassesThat()
		.resideInAPackage("io.github.springsignalr..")
		.and()
		.areDeclaredInClassesThat()
		.resideOutsideOfPackages(INTERNAL_OR_WIRING)
		.should(exposeNoInternalType())
		.because("support types in internal packages are not API and may change without notice");

	static final ArchRule AUTO_CONFIGURATIONS_ARE_PUBLIC_AND_FINAL = classes().that()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.bePublic()
		.andShould()
		.haveModifier(JavaModifier.FINAL)
		.because("Spring Boot's auto-configurations are public final classes");

	/** As in Spring Boot's build: the implicit constructor and constants aside, nothing public. */
	static final ArchRule AUTO_CONFIGURATIONS_HAVE_NO_PUBLIC_MEMBERS = members().that()
		.areDeclaredInClassesThat()
		.areAnnotatedWith(AutoConfiguration.class)
		.and(areNotNoArgumentConstructors())
		.and(areNotConstants())
		.should()
		.notBePublic()
		.because("an auto-configuration is wiring, not API");

	static final ArchRule NO_CONDITIONAL_ON_CLASS_ON_BEAN_METHODS = methods().that()
		.areAnnotatedWith(Bean.class)
		.should()
		.notBeAnnotatedWith(ConditionalOnClass.class)
		.because("a missing class fails the method's signature before the condition is read: guard a nested "
				+ "@Configuration class instead");

	/**
	 * Spring Cloud Azure's {@code implementation} packages can change in any release; only its public API is used.
	 */
	static final ArchRule NO_SPRING_CLOUD_AZURE_IMPLEMENTATION = noClasses().that()
		.resideInAPackage("io.github.springsignalr..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("com.azure.spring..implementation..")
		.because("Spring Cloud Azure's implementation packages are not its public API");

	/** Nor by name: an {@code afterName} or {@code @ConditionalOnClass(name = …)} ties us to it just the same. */
	static final ArchRule NO_SPRING_CLOUD_AZURE_IMPLEMENTATION_BY_NAME = classes().that()
		.resideInAPackage("io.github.springsignalr..")
		.should(nameNoSpringCloudAzureImplementationClassInAnAnnotation())
		.because("Spring Cloud Azure's implementation packages are not its public API");

	private static JavaClasses mainClasses;

	@BeforeAll
	static void importMainClasses() {
		Location location = Location
			.of(SignalRAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation());
		mainClasses = new ClassFileImporter().importLocations(Set.of(location));
		// Guards against a rule passing on nothing.
		assertThat(mainClasses).hasSizeGreaterThan(100);
		assertThat(mainClasses.contain(SignalRAutoConfiguration.class)).isTrue();
		assertThat(mainClasses.stream().noneMatch((javaClass) -> javaClass.getPackageName().contains("architecture")))
			.isTrue();
	}

	@Test
	void libraryPackagesDoNotUseTheAutoConfiguration() {
		LIBRARY_DOES_NOT_USE_WIRING.check(mainClasses);
	}

	@Test
	void layeringRuleFailsOnALibraryClassThatUsesTheAutoConfiguration() {
		assertViolation(LIBRARY_DOES_NOT_USE_WIRING, "SignalRProperties", UsesWiring.class);
	}

	@Test
	void packagesHaveNoCycles() {
		NO_PACKAGE_CYCLES.check(mainClasses);
	}

	@Test
	void cycleRuleFailsOnTwoPackagesThatUseEachOther() {
		assertViolation(NO_PACKAGE_CYCLES, "Cycle detected", CycleA.class, CycleB.class);
	}

	@Test
	void autoConfigurationHandlesNoRequest() {
		AUTO_CONFIGURATION_HANDLES_NO_REQUEST.check(mainClasses);
	}

	@Test
	void wiringOnlyRuleFailsOnAHandlerInAnAutoConfigurationPackage() {
		assertViolation(AUTO_CONFIGURATION_HANDLES_NO_REQUEST, "HandlesRequests",
				classNamed(OpenAutoConfiguration.class.getPackageName() + ".HandlesRequests"));
	}

	@Test
	void apiExposesNoInternalType() {
		API_EXPOSES_NO_INTERNAL_TYPE.check(mainClasses);
	}

	@Test
	void apiRuleFailsOnAPublicMethodThatReturnsAnInternalType() {
		assertViolation(API_EXPOSES_NO_INTERNAL_TYPE, "support()", ExposesInternal.class, Support.class);
	}

	@Test
	void autoConfigurationsArePublicAndFinal() {
		AUTO_CONFIGURATIONS_ARE_PUBLIC_AND_FINAL.check(mainClasses);
	}

	@Test
	void publicAndFinalRuleFailsOnAnOpenOrHiddenAutoConfiguration() {
		assertViolation(AUTO_CONFIGURATIONS_ARE_PUBLIC_AND_FINAL, "OpenAutoConfiguration", OpenAutoConfiguration.class);
		JavaClasses hidden = new ClassFileImporter().importClasses(
				classNamed(OpenAutoConfiguration.class.getPackageName() + ".HiddenAutoConfiguration"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> AUTO_CONFIGURATIONS_ARE_PUBLIC_AND_FINAL.check(hidden))
			.withMessageContaining("HiddenAutoConfiguration")
			.withMessageContaining("public");
	}

	@Test
	void autoConfigurationsHaveNoPublicMembers() {
		AUTO_CONFIGURATIONS_HAVE_NO_PUBLIC_MEMBERS.check(mainClasses);
	}

	@Test
	void publicMemberRuleFailsOnAPublicBeanMethod() {
		assertViolation(AUTO_CONFIGURATIONS_HAVE_NO_PUBLIC_MEMBERS, "openBean()", OpenAutoConfiguration.class);
	}

	@Test
	void noBeanMethodIsConditionalOnAClass() {
		NO_CONDITIONAL_ON_CLASS_ON_BEAN_METHODS.check(mainClasses);
	}

	@Test
	void conditionalOnClassRuleFailsOnAGuardedBeanMethod() {
		assertViolation(NO_CONDITIONAL_ON_CLASS_ON_BEAN_METHODS, "openBean()", OpenAutoConfiguration.class);
	}

	@Test
	void noMainClassUsesSpringCloudAzureImplementationPackages() {
		NO_SPRING_CLOUD_AZURE_IMPLEMENTATION.check(mainClasses);
	}

	@Test
	void implementationRuleFailsOnAClassThatUsesAnImplementationPackage() {
		assertViolation(NO_SPRING_CLOUD_AZURE_IMPLEMENTATION, "AzureContextUtils",
				UsesSpringCloudAzureImplementation.class);
	}

	@Test
	void noMainClassNamesSpringCloudAzureImplementationClasses() {
		NO_SPRING_CLOUD_AZURE_IMPLEMENTATION_BY_NAME.check(mainClasses);
	}

	@Test
	void implementationByNameRuleFailsOnAnOrderingAfterAnImplementationClass() {
		assertViolation(NO_SPRING_CLOUD_AZURE_IMPLEMENTATION_BY_NAME, "AzureTokenCredentialAutoConfiguration",
				OpenAutoConfiguration.class);
	}

	private static void assertViolation(ArchRule rule, String expected, Class<?>... violations) {
		JavaClasses classes = new ClassFileImporter().importClasses(violations);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> rule.check(classes))
			.withMessageContaining(expected);
	}

	private static Class<?> classNamed(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static DescribedPredicate<JavaMember> areNotNoArgumentConstructors() {
		return DescribedPredicate.describe("are not no-argument constructors",
				(member) -> !(member instanceof JavaConstructor constructor
						&& constructor.getRawParameterTypes().isEmpty()));
	}

	private static DescribedPredicate<JavaMember> areNotConstants() {
		return DescribedPredicate.describe("are not constants", (member) -> !(member instanceof JavaField
				&& member.getModifiers().containsAll(Set.of(JavaModifier.STATIC, JavaModifier.FINAL))));
	}

	private static ArchCondition<JavaMethod> exposeNoInternalType() {
		return new ArchCondition<>("take or return no type of an internal package") {

			@Override
			public void check(JavaMethod method, ConditionEvents events) {
				Stream.concat(Stream.of(method.getRawReturnType()), method.getRawParameterTypes().stream())
					.map((type) -> type.getBaseComponentType())
					.filter((type) -> INTERNAL.matcher(type.getPackageName()).matches())
					.forEach((type) -> events.add(SimpleConditionEvent.violated(method,
							method.getFullName() + " exposes " + type.getName())));
			}

		};
	}

	private static ArchCondition<JavaClass> nameNoSpringCloudAzureImplementationClassInAnAnnotation() {
		return new ArchCondition<>("name no Spring Cloud Azure implementation class in an annotation") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				Stream.concat(javaClass.getAnnotations().stream(),
						javaClass.getMembers().stream().flatMap((member) -> member.getAnnotations().stream()))
					.forEach((annotation) -> check(javaClass, annotation, events));
			}

			private void check(JavaClass javaClass, JavaAnnotation<?> annotation, ConditionEvents events) {
				annotation.getProperties()
					.values()
					.stream()
					.flatMap((value) -> (value instanceof Object[] values) ? Arrays.stream(values) : Stream.of(value))
					.filter((value) -> value instanceof String name
							&& SPRING_CLOUD_AZURE_IMPLEMENTATION.matcher(name).matches())
					.forEach((name) -> events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
							+ " names " + name + " in @" + annotation.getRawType().getSimpleName())));
			}

		};
	}

	/** A deliberate violation, to show that the rule can fail. */
	static final class UsesSpringCloudAzureImplementation {

		String credentialBeanName() {
			return com.azure.spring.cloud.autoconfigure.implementation.context.AzureContextUtils.class.getName();
		}

	}

}
