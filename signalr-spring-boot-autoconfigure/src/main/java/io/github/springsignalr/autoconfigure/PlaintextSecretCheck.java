package io.github.springsignalr.autoconfigure;

import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;

/**
 * Warns, once per endpoint property at start-up, when a connection string with the {@code AccessKey} (or an Entra
 * {@code ClientSecret}) written out in plain text comes from a configuration file ({@code application.yml} or
 * {@code .properties}, in the jar, on the class path or on disk): such files are committed and shipped, and whoever
 * reads them can use the key. Values from environment variables, system properties, the command line, Spring Cloud
 * Azure's Key Vault property source or a config tree are not files of that kind, and a Key Vault reference or a
 * {@code ${placeholder}} in the file holds no key. The warning names the property and the file, never the value.
 */
final class PlaintextSecretCheck {

	private static final Log logger = LogFactory.getLog(PlaintextSecretCheck.class);

	private PlaintextSecretCheck() {
	}

	static void warnAboutPlaintextSecrets(Environment environment) {
		for (ConfigurationProperty property : ConnectionStringProperties.declaredProperties(environment)) {
			TextResourceOrigin file = configurationFile(property.getOrigin());
			String secret = (file != null) ? plaintextSecret(String.valueOf(property.getValue())) : null;
			if (secret != null) {
				logger.warn("The " + secret + " of Azure SignalR endpoint property '" + property.getName()
						+ "' is written in plain text in " + file + ": whoever can read that file, its repository "
						+ "or the application's jar can use it. Keep the connection string out of configuration "
						+ "files: store it in Key Vault and set the property to a reference such as "
						+ "@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/), or pass it "
						+ "in an environment variable, or use Microsoft Entra ID (AuthType=azure.msi or azure.app) "
						+ "with no key at all.");
			}
		}
	}

	/**
	 * The configuration file a value comes from, following the origin's parents, or {@code null} when it does not come
	 * from an {@code application.yml} or {@code .properties} kind of file. A config tree's files (Kubernetes secrets)
	 * are named after the property and are not such files.
	 */
	static @Nullable TextResourceOrigin configurationFile(@Nullable Origin origin) {
		for (Origin candidate = origin; candidate != null; candidate = candidate.getParent()) {
			// Spring Boot wraps a file's own origin in one naming the property source.
			Origin own = (candidate instanceof PropertySourceOrigin wrapper) ? wrapper.getOrigin() : candidate;
			if (own instanceof TextResourceOrigin text && isConfigurationFile(text.getResource())) {
				return text;
			}
		}
		return null;
	}

	private static boolean isConfigurationFile(@Nullable Resource resource) {
		String name = (resource != null) ? resource.getFilename() : null;
		if (name == null) {
			return false;
		}
		String lowerCase = name.toLowerCase(Locale.ROOT);
		return lowerCase.endsWith(".properties") || lowerCase.endsWith(".yml") || lowerCase.endsWith(".yaml");
	}

	/**
	 * {@code AccessKey} or {@code ClientSecret} when the value, as its source holds it, gives one in plain text, else
	 * {@code null}: a Key Vault reference holds none, and a value that is or holds a placeholder comes from elsewhere.
	 */
	static @Nullable String plaintextSecret(String value) {
		if (value.strip().regionMatches(true, 0, "@Microsoft.KeyVault(", 0, "@Microsoft.KeyVault(".length())) {
			return null;
		}
		for (String segment : value.split(";")) {
			int equals = segment.indexOf('=');
			if (equals < 0) {
				continue;
			}
			String name = segment.substring(0, equals).strip();
			String secret = segment.substring(equals + 1).strip();
			if (!secret.isEmpty() && !secret.contains("${")) {
				if (name.equalsIgnoreCase("AccessKey")) {
					return "AccessKey";
				}
				if (name.equalsIgnoreCase("ClientSecret")) {
					return "ClientSecret";
				}
			}
		}
		return null;
	}

}
