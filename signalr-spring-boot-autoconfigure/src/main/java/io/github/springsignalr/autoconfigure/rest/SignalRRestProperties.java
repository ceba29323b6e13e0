package io.github.springsignalr.autoconfigure.rest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the client that calls the service's REST API, under {@code azure.signalr.rest}.
 */
@ConfigurationProperties("azure.signalr.rest")
public class SignalRRestProperties {

	/**
	 * Time to wait for a connection to the service's REST API.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Time to wait for the service's answer to a REST call, once connected (the .NET Management SDK's
	 * HttpClientTimeout).
	 */
	private Duration readTimeout = Duration.ofSeconds(100);

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

}
