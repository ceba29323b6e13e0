/**
 * Spring Security exchange matchers of a WebFlux application: {@link
 * io.github.springsignalr.autoconfigure.security.reactive.SignalRRequest}.
 */
package io.github.springsignalr.autoconfigure.security.reactive;
