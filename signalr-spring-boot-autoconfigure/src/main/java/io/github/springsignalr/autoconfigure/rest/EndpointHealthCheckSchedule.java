package io.github.springsignalr.autoconfigure.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import io.github.springsignalr.endpoint.EndpointHealthChecker;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the {@link EndpointHealthChecker} on a fixed delay while the application runs, on a thread of its own so that a
 * slow endpoint never delays the application's scheduled tasks (and no {@code @EnableScheduling} is needed).
 */
class EndpointHealthCheckSchedule implements SmartLifecycle {

	private final EndpointHealthChecker checker;

	private final Duration interval;

	private ThreadPoolTaskScheduler scheduler;

	private ScheduledFuture<?> task;

	EndpointHealthCheckSchedule(EndpointHealthChecker checker, Duration interval) {
		this.checker = checker;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setThreadNamePrefix("signalr-health-");
		this.scheduler.setDaemon(true);
		this.scheduler.initialize();
		// Endpoints start online: the first check comes one interval after start-up, not during it.
		this.task = this.scheduler.scheduleWithFixedDelay(this.checker::checkAll, Instant.now().plus(this.interval),
				this.interval);
	}

	@Override
	public synchronized void stop() {
		if (this.task != null) {
			this.task.cancel(true);
			this.task = null;
		}
		if (this.scheduler != null) {
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.task != null;
	}

}
