package io.github.springsignalr.autoconfigure.keyvault;

import io.github.springsignalr.keyvault.KeyVaultSecretWatcher;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the {@link KeyVaultSecretWatcher} while the application runs, on threads of its own: a slow vault must neither
 * delay the application's scheduled tasks nor be delayed by them, and a staged activation must fire on time. Two
 * threads, so that a poll waiting on the vault never holds back another secret's activation.
 */
class KeyVaultWatchSchedule implements SmartLifecycle {

	private final KeyVaultSecretWatcher watcher;

	private ThreadPoolTaskScheduler scheduler;

	KeyVaultWatchSchedule(KeyVaultSecretWatcher watcher) {
		this.watcher = watcher;
	}

	@Override
	public synchronized void start() {
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setPoolSize(2);
		this.scheduler.setThreadNamePrefix("signalr-keyvault-");
		this.scheduler.setDaemon(true);
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler.initialize();
		this.watcher.start(this.scheduler);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.watcher.stop();
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
