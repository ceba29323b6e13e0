package io.github.springsignalr.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.springsignalr.autoconfigure.internal.InvalidEndpointPropertyException;
import io.github.springsignalr.endpoint.EndpointType;

import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Reads the endpoints that configuration declares, in the three shapes the .NET SDK reads
 * {@code Azure:SignalR:ConnectionString} in:
 * <pre>
 * azure.signalr.connection-string=Endpoint=…           the unnamed primary endpoint
 * azure.signalr.connection-string.east=Endpoint=…      endpoint "east", primary
 * azure.signalr.connection-string.west.secondary=…     endpoint "west", secondary (type in any case)
 * </pre>
 * and the Management SDK's {@code Azure:SignalR:Endpoints:<name>[:<type>]} as {@code azure.signalr.endpoints.…}.
 * <p>
 * Every property source takes part with its usual precedence, so the environment variables
 * {@code AZURE_SIGNALR_CONNECTIONSTRING[_<NAME>[_<TYPE>]]} work as Spring maps them. The .NET names
 * {@code Azure__SignalR__ConnectionString[__<name>[__<type>]]} need nothing of their own: Spring's mapping of
 * environment variables drops the empty elements between double underscores, which makes them the same property. A
 * name from an environment variable is lower-cased by that mapping.
 */
final class ConnectionStringProperties {

	static final String CONNECTION_STRING = "azure.signalr.connection-string";

	static final String ENDPOINTS = "azure.signalr.endpoints";

	private static final ConfigurationPropertyName CONNECTION_STRING_NAME = ConfigurationPropertyName
		.of(CONNECTION_STRING);

	private static final ConfigurationPropertyName ENDPOINTS_NAME = ConfigurationPropertyName.of(ENDPOINTS);

	private ConnectionStringProperties() {
	}

	/**
	 * Whether any source has a non-blank value under either prefix, without judging it: a bad value must reach the
	 * registry's creation, where it fails start-up with a clear message, rather than make the registry disappear.
	 */
	static boolean anyConfigured(Environment environment) {
		return !collect(environment, CONNECTION_STRING_NAME).isEmpty()
				|| !collect(environment, ENDPOINTS_NAME).isEmpty();
	}

	/**
	 * The declared endpoints, in source precedence order.
	 * @throws InvalidEndpointPropertyException naming the property whose key is not a valid shape
	 */
	static List<ConfiguredEndpoint> read(Environment environment) {
		List<ConfiguredEndpoint> endpoints = new ArrayList<>();
		collect(environment, CONNECTION_STRING_NAME)
			.forEach((name, property) -> endpoints
				.add(toEndpoint(CONNECTION_STRING_NAME, property, valueOf(environment, property), true)));
		collect(environment, ENDPOINTS_NAME)
			.forEach((name, property) -> endpoints
				.add(toEndpoint(ENDPOINTS_NAME, property, valueOf(environment, property), false)));
		// 'east' and 'east.primary', or the same name under both prefixes, are one endpoint declared twice.
		Map<String, ConfiguredEndpoint> byId = new HashMap<>();
		for (ConfiguredEndpoint endpoint : endpoints) {
			String id = endpoint.name().toLowerCase(Locale.ROOT) + ":" + endpoint.type();
			ConfiguredEndpoint clash = byId.putIfAbsent(id, endpoint);
			if (clash != null) {
				throw new InvalidEndpointPropertyException(endpoint.property(), endpoint.origin(),
						"endpoint '" + endpoint.name() + "' (" + endpoint.type().text() + ") is also declared by "
								+ clash.describe() + "; declare each endpoint once",
						null);
			}
		}
		return endpoints;
	}

	/**
	 * The declared properties with their origins, values as their sources hold them (placeholders unresolved): for
	 * the start-up check of where keys come from.
	 */
	static List<ConfigurationProperty> declaredProperties(Environment environment) {
		List<ConfigurationProperty> properties = new ArrayList<>(collect(environment, CONNECTION_STRING_NAME).values());
		properties.addAll(collect(environment, ENDPOINTS_NAME).values());
		return properties;
	}

	/**
	 * The properties under {@code prefix} (and at it), keyed by their elements below it in uniform form, the first
	 * source that has one winning as Spring's binder would have it.
	 */
	private static Map<List<String>, ConfigurationProperty> collect(Environment environment,
			ConfigurationPropertyName prefix) {
		Map<List<String>, ConfigurationProperty> found = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty atPrefix = source.getConfigurationProperty(prefix);
			if (atPrefix != null) {
				found.putIfAbsent(List.of(), atPrefix);
			}
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().filter((name) -> isAtOrUnder(prefix, name)).forEach((name) -> {
					ConfigurationProperty property = source.getConfigurationProperty(name);
					if (property != null) {
						found.putIfAbsent(relativeElements(prefix, name, Form.UNIFORM), property);
					}
				});
			}
		}
		// A blank value, such as an unset ${SIGNALR_CONNECTION_STRING:} placeholder, declares nothing.
		found.values().removeIf((property) -> valueOf(environment, property).isBlank());
		return found;
	}

	/**
	 * The value with placeholders resolved, as the binder would give it.
	 */
	private static String valueOf(Environment environment, ConfigurationProperty property) {
		Object value = new PropertySourcesPlaceholdersResolver(environment).resolvePlaceholders(property.getValue());
		return (value != null) ? value.toString() : "";
	}

	private static boolean isAtOrUnder(ConfigurationPropertyName prefix, ConfigurationPropertyName name) {
		if (prefix.isAncestorOf(name)) {
			return true;
		}
		if (name.getNumberOfElements() != prefix.getNumberOfElements()) {
			return false;
		}
		for (int i = 0; i < prefix.getNumberOfElements(); i++) {
			if (!prefix.getElement(i, Form.UNIFORM).equals(name.getElement(i, Form.UNIFORM))) {
				return false;
			}
		}
		return true;
	}

	private static List<String> relativeElements(ConfigurationPropertyName prefix, ConfigurationPropertyName name,
			Form form) {
		List<String> elements = new ArrayList<>();
		for (int i = prefix.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
			elements.add(name.getElement(i, form));
		}
		return elements;
	}

	private static ConfiguredEndpoint toEndpoint(ConfigurationPropertyName prefixName, ConfigurationProperty property,
			String value, boolean unnamedAllowed) {
		ConfigurationPropertyName name = property.getName();
		String prefix = prefixName.toString();
		// Names keep the case they were written in (YAML keys, bracketed keys); environment variables come lower-cased.
		List<String> elements = prefixName.isAncestorOf(name) ? relativeElements(prefixName, name, Form.ORIGINAL)
				: List.of();
		String origin = (property.getOrigin() != null) ? property.getOrigin().toString() : null;
		String canonical = canonicalName(prefix, elements);
		if (elements.isEmpty()) {
			if (!unnamedAllowed) {
				throw new InvalidEndpointPropertyException(canonical, origin,
						"an endpoint declared here needs a name", ENDPOINTS + ".<name>[.primary|.secondary]");
			}
			return new ConfiguredEndpoint(canonical, origin, "", EndpointType.PRIMARY, value);
		}
		for (int i = 0; i < elements.size(); i++) {
			if (name.isNumericIndex(prefixName.getNumberOfElements() + i)) {
				throw new InvalidEndpointPropertyException(canonical, origin,
						"endpoints are a map of names, not a list", prefix + ".<name>[.primary|.secondary]");
			}
		}
		if (elements.size() > 2) {
			throw new InvalidEndpointPropertyException(canonical, origin,
					"a key has at most two parts below " + prefix + ": a name and a type",
					prefix + ".<name>[.primary|.secondary]");
		}
		EndpointType type = EndpointType.PRIMARY;
		if (elements.size() == 2) {
			try {
				type = EndpointType.fromText(elements.get(1));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidEndpointPropertyException(canonical, origin,
						"'" + elements.get(1) + "' is not an endpoint type: use primary or secondary (any case)",
						prefix + "." + elements.get(0) + ".secondary");
			}
		}
		return new ConfiguredEndpoint(canonical, origin, elements.get(0), type, value);
	}

	private static String canonicalName(String prefix, List<String> elements) {
		StringBuilder name = new StringBuilder(prefix);
		for (String element : elements) {
			// As Spring writes names: lower-case letters, digits and dashes plain; list indexes and other keys bracketed.
			boolean index = element.chars().allMatch(Character::isDigit);
			boolean plain = !index
					&& element.chars().allMatch((c) -> Character.isLowerCase(c) || Character.isDigit(c) || c == '-');
			name.append(plain ? "." + element : "[" + element + "]");
		}
		return name.toString();
	}

}
