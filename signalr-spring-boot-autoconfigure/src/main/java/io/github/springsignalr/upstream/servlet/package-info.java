/**
 * The upstream URL in a Spring MVC application: the handler that reads the service's request and adapts it to
 * {@link io.github.springsignalr.upstream.UpstreamRequestHandler}.
 */
@NullMarked
package io.github.springsignalr.upstream.servlet;

import org.jspecify.annotations.NullMarked;
