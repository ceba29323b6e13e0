/**
 * Test support: {@link io.github.springsignalr.test.AutoConfigureSignalREmulator} runs a SignalR Service emulator for
 * a Spring Boot test and gives the application its endpoint as connection details.
 */
@NullMarked
package io.github.springsignalr.test;

import org.jspecify.annotations.NullMarked;
