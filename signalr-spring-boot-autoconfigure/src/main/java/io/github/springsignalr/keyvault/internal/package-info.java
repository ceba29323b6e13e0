/**
 * Support for Key Vault references: the resolver of connection strings, the allowed hosts, the
 * watcher of a secret's versions and the choice of the active version, wired by the auto-configuration.
 * <p>
 * Not API: the types here may change without notice.
 */
@NullMarked
package io.github.springsignalr.keyvault.internal;

import org.jspecify.annotations.NullMarked;
