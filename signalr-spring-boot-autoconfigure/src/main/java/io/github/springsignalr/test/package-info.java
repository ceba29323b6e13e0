/**
 * Test support: {@link io.github.springsignalr.test.AutoConfigureSignalREmulator} runs a SignalR Service emulator (and,
 * when asked, a Key Vault and a Microsoft Entra ID emulator) for a Spring Boot test and gives the application its
 * endpoints as connection details.
 */
@NullMarked
package io.github.springsignalr.test;

import org.jspecify.annotations.NullMarked;
