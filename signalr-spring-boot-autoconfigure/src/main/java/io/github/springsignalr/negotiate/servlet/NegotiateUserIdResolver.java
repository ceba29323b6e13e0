package io.github.springsignalr.negotiate.servlet;

import org.springframework.web.servlet.function.ServerRequest;

/**
 * Tells who is negotiating: the user id that goes into the client's token ({@code asrs.s.uid}), which the REST API's
 * user-targeted operations then address. The default is the authenticated principal's name, or none (anonymous).
 * Declare a bean of this type to take it from elsewhere.
 */
@FunctionalInterface
public interface NegotiateUserIdResolver {

	/**
	 * @return the user id, or {@code null} for an anonymous client
	 */
	String resolveUserId(ServerRequest request);

}
