/**
 * Auto-configuration of what operators see: the health contributor, the {@code signalr} actuator endpoint and the
 * Micrometer meters, each only when its library is on the classpath.
 */
package io.github.springsignalr.autoconfigure.actuate;
