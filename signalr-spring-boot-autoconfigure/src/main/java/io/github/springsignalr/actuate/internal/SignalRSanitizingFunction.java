package io.github.springsignalr.actuate.internal;

import java.util.List;
import java.util.regex.Pattern;

import io.github.springsignalr.connectionstring.KnownSecrets;
import io.github.springsignalr.connectionstring.Secrets;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.PropertySource;

/**
 * Masks the starter's secrets in {@code /actuator/env} and {@code /actuator/configprops}, also when
 * {@code management.endpoint.env.show-values} is {@code always} (Spring Boot applies sanitizing functions whatever
 * that setting): every connection-string property in each of its forms ({@code azure.signalr.connection-string*},
 * {@code azure.signalr.endpoints*}, {@code AZURE_SIGNALR_CONNECTIONSTRING*}, {@code AZURE_SIGNALR_ENDPOINTS*},
 * {@code Azure__SignalR__*}), everything the local emulator contributes, and any value, under whatever key, that
 * holds an {@code AccessKey=} or {@code ClientSecret=} or a secret the application holds.
 */
public class SignalRSanitizingFunction implements SanitizingFunction {

	/** The name of the property source the local emulator adds (signalr-emulator's {@code LocalEmulatorInitializer}). */
	public static final String LOCAL_EMULATOR_PROPERTY_SOURCE = "signalrLocalEmulator";

	// Keys with '.', '-' and '_' removed and lower-cased, so that every relaxed form matches.
	private static final List<String> CANONICAL_PREFIXES = List.of("azuresignalrconnectionstring",
			"azuresignalrendpoints");

	private static final Pattern SECRET_IN_VALUE = Pattern.compile("(?i)\\b(AccessKey|ClientSecret)\\s*=");

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSensitive(data) ? data.withSanitizedValue() : data;
	}

	private static boolean isSensitive(SanitizableData data) {
		PropertySource<?> source = data.getPropertySource();
		if (source != null && LOCAL_EMULATOR_PROPERTY_SOURCE.equals(source.getName())) {
			return true;
		}
		String key = data.getLowerCaseKey();
		if (key != null) {
			if (key.startsWith("azure__signalr__")) {
				return true;
			}
			String canonical = key.replace(".", "").replace("-", "").replace("_", "").replace("[", "").replace("]", "");
			if (CANONICAL_PREFIXES.stream().anyMatch(canonical::startsWith)) {
				return true;
			}
		}
		Object value = data.getValue();
		if (value instanceof CharSequence text) {
			String string = text.toString();
			return SECRET_IN_VALUE.matcher(string).find() || KnownSecrets.occursIn(string)
					|| !Secrets.redact(string).equals(string);
		}
		return false;
	}

}
