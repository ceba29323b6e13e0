/**
 * Support for Microsoft Entra ID authentication: the credentials, the temporary access keys and
 * the Entra token of REST calls, wired by the auto-configuration.
 * <p>
 * Not API: the types here may change without notice.
 */
@NullMarked
package io.github.springsignalr.entra.internal;

import org.jspecify.annotations.NullMarked;
