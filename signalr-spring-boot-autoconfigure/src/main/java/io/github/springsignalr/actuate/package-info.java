/**
 * What operators see of the starter: a health contributor with one component per endpoint, the {@code signalr}
 * actuator endpoint describing endpoints and their keys (ids only, never a secret), and the meters.
 */
@NullMarked
package io.github.springsignalr.actuate;

import org.jspecify.annotations.NullMarked;
