package io.github.springsignalr.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

import io.github.springsignalr.autoconfigure.internal.DedicatedSchedulerLifecycle;
import io.github.springsignalr.autoconfigure.internal.InvalidEndpointPropertyException;
import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.endpoint.ConnectionStringResolver;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.scheduling.TaskScheduler;

/**
 * Follows the connection-string properties while the application runs: a property source whose values change (Spring
 * Cloud Azure's Key Vault property source on its refresh interval, a config server, a test's mutable source) publishes
 * no event and rebinds nothing, so the properties are read again on an interval and compared with what was applied.
 * A changed value is parsed (or resolved) and applied to its endpoint in one atomic registry update; a value that does
 * not parse is refused, logged without the value, and the endpoint keeps its key. Endpoints that appear or disappear
 * need a restart, which is logged.
 */
class ConfiguredEndpointsReloader extends DedicatedSchedulerLifecycle {

	private static final Log logger = LogFactory.getLog(ConfiguredEndpointsReloader.class);

	private final Environment environment;

	private final SignalRConnectionDetails details;

	private final ServiceEndpointRegistry registry;

	private final List<ConnectionStringResolver> resolvers;

	private final Duration interval;

	/** The configured value last seen for each endpoint, applied or refused: each value is judged once. */
	private final Map<EndpointId, String> seen = new HashMap<>();

	private @Nullable ScheduledFuture<?> task;

	ConfiguredEndpointsReloader(Environment environment, ServiceEndpointRegistry registry,
			List<ConnectionStringResolver> resolvers, Duration interval) {
		this(environment, new PropertiesSignalRConnectionDetails(environment), registry, resolvers, interval);
	}

	ConfiguredEndpointsReloader(Environment environment, SignalRConnectionDetails details,
			ServiceEndpointRegistry registry, List<ConnectionStringResolver> resolvers, Duration interval) {
		// The first reload, and with it the thread, comes one interval after start-up.
		super("signalr-reload-", 1, interval);
		this.environment = environment;
		this.details = details;
		this.registry = registry;
		this.resolvers = resolvers;
		this.interval = interval;
		// What the registry was created from.
		this.seen.putAll(read());
	}

	/**
	 * Compares the properties with what was last seen and applies the differences.
	 */
	synchronized void reload() {
		Map<EndpointId, String> current;
		try {
			current = read();
		}
		catch (RuntimeException ex) {
			logger.error("Could not read the Azure SignalR connection-string properties again; keeping the endpoints"
					+ " in use: " + Secrets.redactedMessage(ex));
			return;
		}
		for (ConfiguredEndpoint configured : configured()) {
			EndpointId id = new EndpointId(configured.name(), configured.type());
			String previous = this.seen.get(id);
			if (previous == null) {
				logger.warn("Endpoint " + id + " was added to " + configured.describe()
						+ " while the application runs; restart the application to use it");
			}
			else if (!previous.equals(configured.value())) {
				apply(id, configured);
			}
		}
		this.seen.keySet()
			.stream()
			.filter((id) -> !current.containsKey(id))
			.forEach((id) -> logger.warn("Endpoint " + id + " was removed from the configuration while the"
					+ " application runs; it stays in use until the application restarts"));
		this.seen.clear();
		this.seen.putAll(current);
	}

	private void apply(EndpointId id, ConfiguredEndpoint configured) {
		ServiceEndpoint parsed;
		try {
			// The policy as configured now: a reload may allow a host as it moves an endpoint there.
			parsed = ServiceEndpointsFactory.toServiceEndpoint(configured, this.resolvers,
					ServiceEndpointsFactory.hostPolicy(this.environment));
		}
		catch (InvalidEndpointPropertyException ex) {
			// The message names the property and the problem, never the value.
			logger.error("Refused the new value of " + configured.describe() + " for endpoint " + id + ": "
					+ Secrets.redact(ex.getProblem()) + "; the endpoint keeps its key");
			return;
		}
		if (!parsed.online() && parsed.accessKey() == null) {
			// A source that could not be read (started without it): nothing to apply.
			logger.error("Could not resolve the new value of " + configured.describe() + " for endpoint " + id
					+ "; the endpoint keeps its key");
			return;
		}
		try {
			this.registry.update(id, (endpoint) -> endpoint.withConnectionString(parsed.connectionString()));
			logger.info("Endpoint " + id + " follows the new value of " + configured.describe() + " (key "
					+ ((parsed.accessKey() != null) ? parsed.accessKey().id() : "none") + ")");
		}
		catch (RuntimeException ex) {
			logger.error("Could not apply the new value of " + configured.describe() + " to endpoint " + id + ": "
					+ Secrets.redactedMessage(ex));
		}
	}

	private List<ConfiguredEndpoint> configured() {
		return PropertiesSignalRConnectionDetails.configured(this.details);
	}

	private Map<EndpointId, String> read() {
		Map<EndpointId, String> values = new LinkedHashMap<>();
		for (ConfiguredEndpoint configured : configured()) {
			values.put(new EndpointId(configured.name(), configured.type()), configured.value());
		}
		return values;
	}

	@Override
	protected void start(TaskScheduler scheduler) {
		this.task = scheduler.scheduleWithFixedDelay(this::reload, this.interval);
	}

	@Override
	protected void stopTasks() {
		this.task.cancel(false);
	}

	@Override
	public String toString() {
		return "ConfiguredEndpointsReloader[interval=" + this.interval + ", endpoints="
				+ Objects.toString(this.seen.keySet()) + "]";
	}

}
