package io.github.springsignalr.autoconfigure.entra;

import java.time.Duration;

import io.github.springsignalr.autoconfigure.internal.DedicatedSchedulerLifecycle;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.entra.internal.EntraKeyRefresher;

import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the {@link EntraKeyRefresher} while the application runs, on a thread of its own (a fetch may wait on Microsoft
 * Entra ID and the service), and hands it the registry's changes.
 */
class EntraKeyRefreshSchedule extends DedicatedSchedulerLifecycle
		implements ApplicationListener<PayloadApplicationEvent<ServiceEndpointsChangedEvent>> {

	/** How long start-up waits for the first temporary keys. */
	static final Duration INITIAL_WAIT = Duration.ofSeconds(10);

	private final EntraKeyRefresher refresher;

	EntraKeyRefreshSchedule(EntraKeyRefresher refresher) {
		// Two threads: one endpoint waiting on Microsoft Entra ID does not hold back another's refresh.
		super("signalr-entra-", 2);
		this.refresher = refresher;
	}

	@Override
	protected void start(TaskScheduler scheduler) {
		this.refresher.start(scheduler, INITIAL_WAIT);
	}

	@Override
	protected void stopTasks() {
		this.refresher.stop();
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<ServiceEndpointsChangedEvent> event) {
		this.refresher.onChange(event.getPayload());
	}

}
