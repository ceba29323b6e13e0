/**
 * Auto-configuration of what operators see: the health contributor, the {@code signalr} actuator endpoint and the
 * Micrometer meters, each only when its library is on the classpath.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
