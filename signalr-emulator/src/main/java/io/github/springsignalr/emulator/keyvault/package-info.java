/**
 * A local stand-in for Azure Key Vault's secrets API over HTTPS, close enough that the Azure SDK's
 * {@code SecretClient} talks to it unchanged: challenge-based bearer authentication, versions, attributes.
 */
@NullMarked
package io.github.springsignalr.emulator.keyvault;

import org.jspecify.annotations.NullMarked;
