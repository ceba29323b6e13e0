package io.github.springsignalr.autoconfigure.keyvault;

import io.github.springsignalr.autoconfigure.internal.DedicatedSchedulerLifecycle;
import io.github.springsignalr.keyvault.internal.KeyVaultSecretWatcher;

import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the {@link KeyVaultSecretWatcher} while the application runs, on threads of its own, so that a staged
 * activation fires on time. Two threads, so that a poll waiting on the vault never holds back another secret's
 * activation.
 */
class KeyVaultWatchSchedule extends DedicatedSchedulerLifecycle {

	private final KeyVaultSecretWatcher watcher;

	KeyVaultWatchSchedule(KeyVaultSecretWatcher watcher) {
		super("signalr-keyvault-", 2);
		this.watcher = watcher;
	}

	@Override
	protected void start(TaskScheduler scheduler) {
		this.watcher.start(scheduler);
	}

	@Override
	protected void stopTasks() {
		this.watcher.stop();
	}

}
