package io.github.springsignalr.autoconfigure.entra;

import java.time.Duration;

import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.entra.EntraKeyRefresher;

import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the {@link EntraKeyRefresher} while the application runs, on a thread of its own (a fetch may wait on Microsoft
 * Entra ID and the service), and hands it the registry's changes.
 */
class EntraKeyRefreshSchedule implements SmartLifecycle,
		ApplicationListener<PayloadApplicationEvent<ServiceEndpointsChangedEvent>> {

	/** How long start-up waits for the first temporary keys. */
	static final Duration INITIAL_WAIT = Duration.ofSeconds(10);

	private final EntraKeyRefresher refresher;

	private ThreadPoolTaskScheduler scheduler;

	EntraKeyRefreshSchedule(EntraKeyRefresher refresher) {
		this.refresher = refresher;
	}

	@Override
	public synchronized void start() {
		this.scheduler = new ThreadPoolTaskScheduler();
		// Two threads: one endpoint waiting on Microsoft Entra ID does not hold back another's refresh.
		this.scheduler.setPoolSize(2);
		this.scheduler.setThreadNamePrefix("signalr-entra-");
		this.scheduler.setDaemon(true);
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler.initialize();
		this.refresher.start(this.scheduler, INITIAL_WAIT);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.refresher.stop();
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<ServiceEndpointsChangedEvent> event) {
		this.refresher.onChange(event.getPayload());
	}

}
