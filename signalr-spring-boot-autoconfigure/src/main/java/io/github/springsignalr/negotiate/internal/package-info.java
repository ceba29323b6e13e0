/**
 * The negotiate endpoint's request handling: one handler apart from any web stack, which the
 * Spring MVC and WebFlux handlers the auto-configuration routes to adapt their requests to.
 * <p>
 * Not API: the types here may change without notice.
 */
@NullMarked
package io.github.springsignalr.negotiate.internal;

import org.jspecify.annotations.NullMarked;
