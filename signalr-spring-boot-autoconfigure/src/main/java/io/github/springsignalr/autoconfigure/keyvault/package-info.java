/**
 * Auto-configuration of Key Vault references as connection strings, their watcher and the 401 key refresh, with the
 * {@code SecretClient} Spring Cloud Azure builds (its credential, HTTP settings and builder customizers).
 */
package io.github.springsignalr.autoconfigure.keyvault;
