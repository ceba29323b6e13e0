/**
 * The negotiate endpoint's request handling, apart from any web stack: the Spring MVC and WebFlux routes adapt their
 * requests to {@link io.github.springsignalr.negotiate.NegotiateRequestHandler} and write its answer.
 */
@NullMarked
package io.github.springsignalr.negotiate;

import org.jspecify.annotations.NullMarked;
