/**
 * What operators see of the starter: the {@code signalr} actuator endpoint describing endpoints and their keys (ids
 * only, never a secret) and the sources it reads. The health contributor with one component per endpoint and the
 * meters are in {@code io.github.springsignalr.actuate.internal}.
 */
@NullMarked
package io.github.springsignalr.actuate;

import org.jspecify.annotations.NullMarked;
