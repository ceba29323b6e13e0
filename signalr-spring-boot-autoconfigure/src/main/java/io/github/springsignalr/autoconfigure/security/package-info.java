/**
 * Spring Security support: request matchers for the negotiate and upstream paths, on Spring MVC and WebFlux.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
