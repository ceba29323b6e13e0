/**
 * Spring Security request matchers of a Spring MVC application: {@link
 * io.github.springsignalr.autoconfigure.security.servlet.SignalRRequest}.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.security.servlet;

import org.jspecify.annotations.NullMarked;
