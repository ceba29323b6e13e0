/**
 * The negotiate endpoint in a Spring MVC application: the handler that adapts a request to
 * {@link io.github.springsignalr.negotiate.NegotiateRequestHandler}, and the resolver and customizers an application
 * declares to shape the client's token.
 */
@NullMarked
package io.github.springsignalr.negotiate.servlet;

import org.jspecify.annotations.NullMarked;
