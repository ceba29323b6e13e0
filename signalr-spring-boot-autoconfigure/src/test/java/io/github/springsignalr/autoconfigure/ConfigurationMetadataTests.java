package io.github.springsignalr.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the configuration metadata the build generates, from which IDEs complete and document properties.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDocumented() throws IOException {
		List<Map<String, Object>> properties = properties();
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("azure.signalr.enabled", "azure.signalr.connection-string", "azure.signalr.endpoints",
					"azure.signalr.access-token-lifetime", "azure.signalr.health-check.enabled",
					"azure.signalr.health-check.interval", "azure.signalr.negotiate.enabled",
					"azure.signalr.negotiate.path-prefix", "azure.signalr.negotiate.hubs");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank()
			.endsWith("."));
	}

	@Test
	void defaultsAreInTheMetadata() throws IOException {
		Map<Object, Object> defaults = new java.util.HashMap<>();
		properties().forEach((property) -> defaults.put(property.get("name"), property.get("defaultValue")));
		assertThat(defaults).containsEntry("azure.signalr.enabled", true)
			.containsEntry("azure.signalr.access-token-lifetime", "1h")
			.containsEntry("azure.signalr.health-check.interval", "10s");
	}

	private static List<Map<String, Object>> properties() throws IOException {
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			return JsonPath.parse(metadata).read("$.properties[*]");
		}
	}

}
