package io.github.springsignalr.test;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.core.env.EnumerablePropertySource;

/**
 * The settings of {@link AutoConfigureSignalREmulator} that depend on an emulator's address, resolved when read so
 * that the emulator starts with the context's beans, not while its configuration is parsed.
 */
final class EmulatorPropertySource extends EnumerablePropertySource<Map<String, Supplier<Object>>> {

	EmulatorPropertySource(Map<String, Supplier<Object>> properties) {
		super("signalREmulator", properties);
	}

	@Override
	public String[] getPropertyNames() {
		return getSource().keySet().toArray(String[]::new);
	}

	@Override
	public Object getProperty(String name) {
		Supplier<Object> value = getSource().get(name);
		return (value != null) ? value.get() : null;
	}

}
