/**
 * Local mode for Spring Boot applications: the emulators started in-process before the context refreshes, and the
 * application's {@code azure.signalr} configuration pointed at them, on the {@code signalr.emulator.local.enabled}
 * switch.
 */
@NullMarked
package io.github.springsignalr.emulator.spring;

import org.jspecify.annotations.NullMarked;
