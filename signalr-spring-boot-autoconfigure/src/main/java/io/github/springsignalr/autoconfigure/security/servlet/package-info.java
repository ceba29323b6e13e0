/**
 * Spring Security request matchers of a Spring MVC application: {@link
 * io.github.springsignalr.autoconfigure.security.servlet.SignalRRequest}.
 */
package io.github.springsignalr.autoconfigure.security.servlet;
