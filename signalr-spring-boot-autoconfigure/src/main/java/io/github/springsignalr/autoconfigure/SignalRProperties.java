package io.github.springsignalr.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of Azure SignalR Service support, under {@code azure.signalr}.
 * <p>
 * The endpoints themselves ({@code azure.signalr.connection-string} in its three shapes, and
 * {@code azure.signalr.endpoints}) are read by {@link ConnectionStringProperties}, not bound here: one property that
 * may be a string or a map of maps has no Java type to bind to.
 */
@ConfigurationProperties("azure.signalr")
public class SignalRProperties {

	/**
	 * Whether to enable Azure SignalR Service support.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
