package io.github.springsignalr.test;

import io.github.springsignalr.emulator.SignalREmulator;

/**
 * Adjusts the builder of an emulator that {@link AutoConfigureSignalREmulator} starts, after the annotation's own
 * settings and before it starts: keys, keep-alive, temporary key lifetime, faults, an upstream identity. Declared as
 * a bean of the test's configuration, which may inject the Key Vault or Microsoft Entra ID emulator.
 */
@FunctionalInterface
public interface SignalREmulatorCustomizer {

	/**
	 * @param endpoint the endpoint's name, {@code ""} for the unnamed one
	 * @param builder the emulator's builder
	 */
	void customize(String endpoint, SignalREmulator.Builder builder);

}
