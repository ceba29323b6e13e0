package io.github.springsignalr.autoconfigure.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DedicatedSchedulerLifecycle}: threads at the first task, work handed over when it is due, nothing
 * before and nothing after stop.
 */
class DedicatedSchedulerLifecycleTests {

	@Test
	void workDueAtStartMakesTheThreadsAtStart() {
		Recording lifecycle = new Recording(Duration.ZERO);
		lifecycle.start();
		try {
			assertThat(lifecycle.isRunning()).isTrue();
			assertThat(lifecycle.hasThreads()).isTrue();
			assertThat(lifecycle.starts).hasSize(1);
		}
		finally {
			lifecycle.stop();
		}
		assertThat(lifecycle.hasThreads()).isFalse();
		assertThat(lifecycle.stops).hasSize(1);
	}

	@Test
	void laterWorkMakesTheThreadsWhenItIsDueOnThemOnce() {
		Recording lifecycle = new Recording(Duration.ofMillis(300));
		lifecycle.start();
		lifecycle.start();
		try {
			assertThat(lifecycle.isRunning()).isTrue();
			assertThat(lifecycle.hasThreads()).isFalse();
			assertThat(lifecycle.starts).isEmpty();
			await().atMost(Duration.ofSeconds(10)).until(lifecycle::hasThreads);
			assertThat(lifecycle.starts).hasSize(1);
		}
		finally {
			lifecycle.stop();
		}
		assertThat(lifecycle.isRunning()).isFalse();
		assertThat(lifecycle.hasThreads()).isFalse();
		assertThat(lifecycle.stops).hasSize(1);
	}

	@Test
	void stoppedBeforeTheWorkIsDueNeverMakesThreadsAndStartsAgain() throws InterruptedException {
		Recording lifecycle = new Recording(Duration.ofMillis(200));
		lifecycle.start();
		lifecycle.stop();
		Thread.sleep(600);
		assertThat(lifecycle.hasThreads()).isFalse();
		assertThat(lifecycle.starts).isEmpty();
		assertThat(lifecycle.stops).as("nothing was scheduled, nothing to cancel").isEmpty();
		lifecycle.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(lifecycle::hasThreads);
		}
		finally {
			lifecycle.stop();
		}
		assertThat(lifecycle.starts).hasSize(1);
	}

	@Test
	void workThatSchedulesNothingMakesNoThreadsUntilItsFirstTaskAndNoneAfterStop() throws Exception {
		Recording lifecycle = new Recording(Duration.ZERO, false);
		lifecycle.start();
		try {
			assertThat(lifecycle.starts).hasSize(1);
			assertThat(lifecycle.hasThreads()).isFalse();
			CompletableFuture<String> ran = new CompletableFuture<>();
			lifecycle.starts.get(0)
				.schedule(() -> ran.complete(Thread.currentThread().getName()), Instant.now());
			assertThat(lifecycle.hasThreads()).isTrue();
			assertThat(ran.get(10, TimeUnit.SECONDS)).startsWith("signalr-lifecycle-test-");
		}
		finally {
			lifecycle.stop();
		}
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> lifecycle.starts.get(0).schedule(() -> { }, Instant.now()));
		assertThat(lifecycle.hasThreads()).isFalse();
	}

	private static final class Recording extends DedicatedSchedulerLifecycle {

		private final List<TaskScheduler> starts = new CopyOnWriteArrayList<>();

		private final List<Boolean> stops = new CopyOnWriteArrayList<>();

		private final boolean scheduleAtStart;

		Recording(Duration firstWork) {
			this(firstWork, true);
		}

		Recording(Duration firstWork, boolean scheduleAtStart) {
			super("signalr-lifecycle-test-", 1, firstWork);
			this.scheduleAtStart = scheduleAtStart;
		}

		@Override
		protected void start(TaskScheduler scheduler) {
			this.starts.add(scheduler);
			if (this.scheduleAtStart) {
				scheduler.scheduleWithFixedDelay(() -> { }, Duration.ofHours(1));
			}
		}

		@Override
		protected void stopTasks() {
			this.stops.add(true);
		}

	}

}
