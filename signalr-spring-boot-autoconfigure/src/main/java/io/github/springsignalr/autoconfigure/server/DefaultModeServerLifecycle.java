package io.github.springsignalr.autoconfigure.server;

import org.springframework.context.SmartLifecycle;

import io.github.springsignalr.server.DefaultModeServer;

/**
 * Opens the server connections once every bean (and so every annotated hub method) is ready, and closes them before
 * the web server stops.
 */
final class DefaultModeServerLifecycle implements SmartLifecycle {

	private final DefaultModeServer server;

	DefaultModeServerLifecycle(DefaultModeServer server) {
		this.server = server;
	}

	@Override
	public void start() {
		this.server.start();
	}

	@Override
	public void stop() {
		this.server.stop();
	}

	@Override
	public boolean isRunning() {
		return this.server.isRunning();
	}

}
