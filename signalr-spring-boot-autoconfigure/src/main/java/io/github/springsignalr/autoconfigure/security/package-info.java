/**
 * Spring Security support: request matchers for the negotiate and upstream paths, on Spring MVC and WebFlux.
 */
package io.github.springsignalr.autoconfigure.security;
