/**
 * The endpoints' health checks and the fetch of a refused key again, wired by the
 * auto-configuration and used by the REST client, Microsoft Entra ID and Key Vault support.
 * <p>
 * Not API: the types here may change without notice.
 */
@NullMarked
package io.github.springsignalr.endpoint.internal;

import org.jspecify.annotations.NullMarked;
