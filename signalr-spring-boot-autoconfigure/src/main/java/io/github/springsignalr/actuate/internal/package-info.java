/**
 * The health contributor with one component per endpoint, the meters and the sanitizing of the
 * {@code signalr} actuator endpoint, wired by the actuator auto-configurations.
 * <p>
 * Not API: the types here may change without notice.
 */
@NullMarked
package io.github.springsignalr.actuate.internal;

import org.jspecify.annotations.NullMarked;
