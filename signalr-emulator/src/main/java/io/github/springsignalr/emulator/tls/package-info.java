/**
 * The self-signed TLS identity the HTTPS emulators (Key Vault, Microsoft Entra ID) make at start, and what a client
 * needs to trust it.
 */
@NullMarked
package io.github.springsignalr.emulator.tls;

import org.jspecify.annotations.NullMarked;
