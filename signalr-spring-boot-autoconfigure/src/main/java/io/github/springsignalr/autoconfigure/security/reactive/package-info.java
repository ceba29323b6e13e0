/**
 * Spring Security exchange matchers of a WebFlux application: {@link
 * io.github.springsignalr.autoconfigure.security.reactive.SignalRRequest}.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.security.reactive;

import org.jspecify.annotations.NullMarked;
