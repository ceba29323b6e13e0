/**
 * The upstream URL's request handling: one handler apart from any web stack (admission, then
 * dispatch), which the Spring MVC and WebFlux handlers the auto-configuration routes to adapt their requests to; the
 * upstream headers and the Microsoft Entra token check.
 * <p>
 * Not API: the types here may change without notice.
 */
@NullMarked
package io.github.springsignalr.upstream.internal;

import org.jspecify.annotations.NullMarked;
