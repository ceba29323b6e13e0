/**
 * Key Vault references as connection strings ({@code @Microsoft.KeyVault(…)}, App Service's syntax) and the client
 * of a vault's secrets, which an application may replace. The watcher that follows a secret's versions and the choice
 * of the active version by activation and expiry dates are in {@code io.github.springsignalr.keyvault.internal}.
 */
@NullMarked
package io.github.springsignalr.keyvault;

import org.jspecify.annotations.NullMarked;
