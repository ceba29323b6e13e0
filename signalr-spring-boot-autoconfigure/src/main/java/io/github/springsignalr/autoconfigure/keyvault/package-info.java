/**
 * Auto-configuration of Key Vault references as connection strings, their watcher and the 401 key refresh, with a
 * {@code SecretClient} built from Spring Cloud Azure's public API (its default credential and builder customizers).
 */
@NullMarked
package io.github.springsignalr.autoconfigure.keyvault;

import org.jspecify.annotations.NullMarked;
