package io.github.springsignalr.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Background work of the starter (health checks, reloading configuration, following Key Vault, fetching Microsoft
 * Entra keys) run on daemon threads of its own while the application runs: a slow endpoint, vault or identity
 * provider never delays the application's scheduled tasks nor is delayed by them, and no {@code @EnableScheduling} is
 * needed. The threads exist from {@link #start()} to {@link #stop()}.
 * <p>
 * Support for the starter's auto-configurations, not meant for applications.
 */
public abstract class DedicatedSchedulerLifecycle implements SmartLifecycle {

	private final String threadNamePrefix;

	private final int poolSize;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	/**
	 * @param threadNamePrefix names the threads, such as {@code signalr-health-}
	 * @param poolSize the number of threads: more than one where a task waiting on a remote service must not hold
	 * back another
	 */
	protected DedicatedSchedulerLifecycle(String threadNamePrefix, int poolSize) {
		this.threadNamePrefix = threadNamePrefix;
		this.poolSize = poolSize;
	}

	@Override
	public final synchronized void start() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(this.poolSize);
		scheduler.setThreadNamePrefix(this.threadNamePrefix);
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.initialize();
		this.scheduler = scheduler;
		start(scheduler);
	}

	@Override
	public final synchronized void stop() {
		if (this.scheduler != null) {
			stopTasks();
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public final synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * Schedules the work on the threads just made.
	 */
	protected abstract void start(TaskScheduler scheduler);

	/**
	 * Cancels what {@link #start(TaskScheduler)} scheduled, before the threads go.
	 */
	protected abstract void stopTasks();

}
