/**
 * Figures over the wire: an application on the starter that {@code wire.sh} drives with wrk, and the sends of its
 * {@code SignalRTemplate} against a raw HTTP client's, proved to be the same request.
 */
package io.github.springsignalr.benchmarks.wire;
