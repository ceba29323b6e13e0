/**
 * Key Vault references as connection strings ({@code @Microsoft.KeyVault(…)}, App Service's syntax), the watcher that
 * follows a secret's versions, and the choice of the active version by activation and expiry dates.
 */
@NullMarked
package io.github.springsignalr.keyvault;

import org.jspecify.annotations.NullMarked;
