package io.github.springsignalr.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rules the library's main classes keep, checked on their byte code.
 */
class ArchitectureTests {

	private static JavaClasses mainClasses;

	/**
	 * Spring Cloud Azure's {@code implementation} packages can change in any release; only its public API is used.
	 */
	static final ArchRule NO_SPRING_CLOUD_AZURE_IMPLEMENTATION = noClasses().that()
		.resideInAPackage("io.github.springsignalr..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("com.azure.spring..implementation..")
		.because("Spring Cloud Azure's implementation packages are not its public API");

	@BeforeAll
	static void importMainClasses() {
		mainClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages("io.github.springsignalr");
	}

	@Test
	void noMainClassUsesSpringCloudAzureImplementationPackages() {
		NO_SPRING_CLOUD_AZURE_IMPLEMENTATION.check(mainClasses);
	}

	@Test
	void theRuleFailsOnAClassThatUsesAnImplementationPackage() {
		JavaClasses violation = new ClassFileImporter().importClasses(UsesSpringCloudAzureImplementation.class);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> NO_SPRING_CLOUD_AZURE_IMPLEMENTATION.check(violation))
			.withMessageContaining("AzureContextUtils");
	}

	/** A deliberate violation, to show that the rule can fail. */
	static final class UsesSpringCloudAzureImplementation {

		String credentialBeanName() {
			return com.azure.spring.cloud.autoconfigure.implementation.context.AzureContextUtils.class.getName();
		}

	}

}
