package io.github.springsignalr.autoconfigure.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Background work of the starter (health checks, reloading configuration, following Key Vault, fetching Microsoft
 * Entra keys) run on daemon threads of its own while the application runs: a slow endpoint, vault or identity
 * provider never delays the application's scheduled tasks nor is delayed by them, and no {@code @EnableScheduling} is
 * needed.
 * <p>
 * Running from {@link #start()} to {@link #stop()}, but no thread is made while the application starts unless work
 * is due then: work that first runs an interval after start-up (a health check, a reload) is handed the scheduler one
 * interval later, and the threads are made by the first task scheduled, so work that never comes (Microsoft Entra keys
 * where no endpoint uses Entra) never makes any.
 * <p>
 * Support for the starter's auto-configurations, not meant for applications.
 */
public abstract class DedicatedSchedulerLifecycle implements SmartLifecycle {

	/** Runs the deferred start on the JDK's shared delay thread itself: it only schedules. */
	private static final Executor ON_DELAY_THREAD = Runnable::run;

	private final String threadNamePrefix;

	private final int poolSize;

	private final Duration firstWork;

	/** Guards {@link #threads}: not this object's lock, which {@link #start()} holds while work may wait on it. */
	private final Object threadsLock = new Object();

	private volatile boolean running;

	private @Nullable CompletableFuture<Void> deferredStart;

	private boolean started;

	private @Nullable ThreadPoolTaskScheduler threads;

	/**
	 * Work scheduled at start: {@link #start(TaskScheduler)} is called by {@link #start()}.
	 * @param threadNamePrefix names the threads, such as {@code signalr-keyvault-}
	 * @param poolSize the number of threads: more than one where a task waiting on a remote service must not hold
	 * back another
	 */
	protected DedicatedSchedulerLifecycle(String threadNamePrefix, int poolSize) {
		this(threadNamePrefix, poolSize, Duration.ZERO);
	}

	/**
	 * @param threadNamePrefix names the threads, such as {@code signalr-health-}
	 * @param poolSize the number of threads: more than one where a task waiting on a remote service must not hold
	 * back another
	 * @param firstWork how long after {@link #start()} the first work is due: {@link #start(TaskScheduler)} is called
	 * then (on the JDK's shared delay thread) and schedules from that moment
	 */
	protected DedicatedSchedulerLifecycle(String threadNamePrefix, int poolSize, Duration firstWork) {
		this.threadNamePrefix = threadNamePrefix;
		this.poolSize = poolSize;
		this.firstWork = firstWork;
	}

	@Override
	public final synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		if (this.firstWork.isNegative() || this.firstWork.isZero()) {
			startWork();
			return;
		}
		this.deferredStart = CompletableFuture.runAsync(this::startWhenDue,
				CompletableFuture.delayedExecutor(this.firstWork.toNanos(), TimeUnit.NANOSECONDS, ON_DELAY_THREAD));
	}

	private synchronized void startWhenDue() {
		if (this.running && !this.started) {
			startWork();
		}
	}

	private void startWork() {
		start(new OnFirstTask());
		this.started = true;
	}

	@Override
	public final synchronized void stop() {
		this.running = false;
		if (this.deferredStart != null) {
			this.deferredStart.cancel(false);
			this.deferredStart = null;
		}
		if (this.started) {
			this.started = false;
			stopTasks();
		}
		ThreadPoolTaskScheduler threads;
		synchronized (this.threadsLock) {
			threads = this.threads;
			this.threads = null;
		}
		if (threads != null) {
			threads.shutdown();
		}
	}

	@Override
	public final boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether the threads exist: from the first task scheduled until {@link #stop()}.
	 */
	public final boolean hasThreads() {
		synchronized (this.threadsLock) {
			return this.threads != null;
		}
	}

	private TaskScheduler threads() {
		synchronized (this.threadsLock) {
			if (!this.running) {
				throw new TaskRejectedException(this.threadNamePrefix + "* threads are stopped");
			}
			if (this.threads == null) {
				ThreadPoolTaskScheduler threads = new ThreadPoolTaskScheduler();
				threads.setPoolSize(this.poolSize);
				threads.setThreadNamePrefix(this.threadNamePrefix);
				threads.setDaemon(true);
				threads.setRemoveOnCancelPolicy(true);
				threads.initialize();
				this.threads = threads;
			}
			return this.threads;
		}
	}

	/**
	 * Schedules the work: at {@link #start()}, or when the first work is due. The scheduler makes its threads at the
	 * first task.
	 */
	protected abstract void start(TaskScheduler scheduler);

	/**
	 * Cancels what {@link #start(TaskScheduler)} scheduled, before the threads go.
	 */
	protected abstract void stopTasks();

	/**
	 * The scheduler handed to {@link #start(TaskScheduler)}: the threads at the first task.
	 */
	private final class OnFirstTask implements TaskScheduler {

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
			return threads().schedule(task, trigger);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
			return threads().schedule(task, startTime);
		}

		@Override
		public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
			return threads().scheduleAtFixedRate(task, startTime, period);
		}

		@Override
		public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
			return threads().scheduleAtFixedRate(task, period);
		}

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
			return threads().scheduleWithFixedDelay(task, startTime, delay);
		}

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
			return threads().scheduleWithFixedDelay(task, delay);
		}

	}

}
