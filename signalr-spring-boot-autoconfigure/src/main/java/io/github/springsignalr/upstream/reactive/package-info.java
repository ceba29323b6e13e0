/**
 * The upstream URL in a WebFlux application: the handler that reads the service's request without blocking and
 * adapts it to {@link io.github.springsignalr.upstream.UpstreamRequestHandler}.
 */
@NullMarked
package io.github.springsignalr.upstream.reactive;

import org.jspecify.annotations.NullMarked;
