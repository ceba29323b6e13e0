package io.github.springsignalr.upstream;

import io.github.springsignalr.upstream.internal.EntraUpstreamTokenValidator;

/**
 * Checks the bearer token of an upstream request, which the service sends in {@code Authorization} when its upstream
 * settings authenticate with its managed identity. {@link EntraUpstreamTokenValidator} is the one for Microsoft Entra
 * ID; an application with other needs (several tenants, its own authorization rules) declares its own bean.
 */
@FunctionalInterface
public interface UpstreamBearerTokenValidator {

	/**
	 * Whether {@code token} proves that the request comes from the service.
	 * @param token the token after {@code Bearer }, never {@code null} or empty
	 */
	boolean isValid(String token);

}
