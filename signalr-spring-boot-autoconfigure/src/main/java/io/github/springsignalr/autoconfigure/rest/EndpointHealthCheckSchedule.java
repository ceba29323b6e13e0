package io.github.springsignalr.autoconfigure.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import io.github.springsignalr.autoconfigure.DedicatedSchedulerLifecycle;
import io.github.springsignalr.endpoint.EndpointHealthChecker;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the {@link EndpointHealthChecker} on a fixed delay while the application runs, on a thread of its own.
 */
class EndpointHealthCheckSchedule extends DedicatedSchedulerLifecycle {

	private final EndpointHealthChecker checker;

	private final Duration interval;

	private @Nullable ScheduledFuture<?> task;

	EndpointHealthCheckSchedule(EndpointHealthChecker checker, Duration interval) {
		super("signalr-health-", 1);
		this.checker = checker;
		this.interval = interval;
	}

	@Override
	protected void start(TaskScheduler scheduler) {
		// Endpoints start online: the first check comes one interval after start-up, not during it.
		this.task = scheduler.scheduleWithFixedDelay(this.checker::checkAll, Instant.now().plus(this.interval),
				this.interval);
	}

	@Override
	protected void stopTasks() {
		this.task.cancel(true);
	}

}
