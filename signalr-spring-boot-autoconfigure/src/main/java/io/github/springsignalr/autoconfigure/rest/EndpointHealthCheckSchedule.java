package io.github.springsignalr.autoconfigure.rest;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import io.github.springsignalr.autoconfigure.internal.DedicatedSchedulerLifecycle;
import io.github.springsignalr.endpoint.internal.EndpointHealthChecker;
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
		// Endpoints start online: the first check, and with it the thread, comes one interval after start-up.
		super("signalr-health-", 1, interval);
		this.checker = checker;
		this.interval = interval;
	}

	@Override
	protected void start(TaskScheduler scheduler) {
		this.task = scheduler.scheduleWithFixedDelay(this.checker::checkAll, this.interval);
	}

	@Override
	protected void stopTasks() {
		this.task.cancel(true);
	}

}
