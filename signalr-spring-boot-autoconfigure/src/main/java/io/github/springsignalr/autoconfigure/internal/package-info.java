/**
 * Support shared by the auto-configurations: the dedicated scheduler's lifecycle, the
 * exception of an invalid endpoint property, Spring Cloud Azure's authority host.
 * <p>
 * Not API: the types here may change without notice.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
