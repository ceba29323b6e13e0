package io.github.springsignalr.negotiate.servlet;

import io.github.springsignalr.token.ClientTokenRequest;

import org.springframework.web.servlet.function.ServerRequest;

/**
 * Adds claims, roles or a lifetime to the token a negotiating client receives. Customizers run in order, after the
 * user id is set.
 */
@FunctionalInterface
public interface NegotiateTokenCustomizer {

	void customize(ServerRequest request, ClientTokenRequest.Builder token);

}
