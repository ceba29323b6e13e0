package io.github.springsignalr.token;

import java.util.Objects;

/**
 * What a client receives from negotiate: where to connect and the token to connect with. Serialised as
 * {@code {"url": …, "accessToken": …}}, the shape the SignalR clients expect to be redirected with.
 *
 * @param url the service's client URL for the hub, on the endpoint's {@code ClientEndpoint} when it has one
 * @param accessToken the client access token; never logged
 */
public record NegotiateResponse(String url, String accessToken) {

	public NegotiateResponse {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(accessToken, "accessToken");
	}

	/**
	 * The URL only: the token never appears.
	 */
	@Override
	public String toString() {
		return "NegotiateResponse[url=" + this.url + ", accessToken=***]";
	}

}
