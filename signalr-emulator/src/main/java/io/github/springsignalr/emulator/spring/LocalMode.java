package io.github.springsignalr.emulator.spring;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Reads the {@code signalr.emulator.local.enabled} switch: {@code true}, {@code false} (the default: the emulator on
 * the class path does nothing by itself), or {@code auto}, local only while no connection string is configured.
 */
final class LocalMode {

	static final String ENABLED_PROPERTY = "signalr.emulator.local.enabled";

	/** Where the starter reads endpoints from, as configuration property names. */
	private static final List<ConfigurationPropertyName> ENDPOINT_PROPERTIES = List.of(
			ConfigurationPropertyName.of("azure.signalr.connection-string"),
			ConfigurationPropertyName.of("azure.signalr.endpoints"));

	/** The .NET SDK's variables, which the starter honours and Spring's relaxed binding does not map. */
	private static final String DOTNET_VARIABLE_PREFIX = "azure__signalr__";

	private LocalMode() {
	}

	static boolean isActive(ConfigurableEnvironment environment) {
		String value = environment.getProperty(ENABLED_PROPERTY, "false").trim().toLowerCase(Locale.ROOT);
		return switch (value) {
			case "true" -> true;
			case "false" -> false;
			case "auto" -> !hasConfiguredEndpoint(environment);
			default -> throw new IllegalStateException(
					"Invalid value of " + ENABLED_PROPERTY + ": '" + value + "'; use true, false or auto");
		};
	}

	static boolean hasConfiguredEndpoint(ConfigurableEnvironment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			for (ConfigurationPropertyName name : ENDPOINT_PROPERTIES) {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				// A blank value declares nothing, as the starter reads it.
				if (property != null && StringUtils.hasText(String.valueOf(property.getValue()))) {
					return true;
				}
				if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
					return true;
				}
			}
		}
		return environment.getSystemEnvironment()
			.keySet()
			.stream()
			.anyMatch((variable) -> variable.toLowerCase(Locale.ROOT).startsWith(DOTNET_VARIABLE_PREFIX));
	}

}
