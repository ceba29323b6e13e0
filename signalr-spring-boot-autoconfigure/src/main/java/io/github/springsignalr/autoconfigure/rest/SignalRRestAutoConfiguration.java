package io.github.springsignalr.autoconfigure.rest;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.endpoint.internal.EndpointHealthChecker;
import io.github.springsignalr.endpoint.internal.EndpointHealthProbe;
import io.github.springsignalr.endpoint.internal.EndpointKeyRefresher;
import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.rest.JdkByteArrayRequestFactory;
import io.github.springsignalr.rest.RestBearerTokenProvider;
import io.github.springsignalr.rest.RestHealthProbe;
import io.github.springsignalr.rest.RestRetryPolicy;
import io.github.springsignalr.rest.SignalRRestObservationConvention;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.token.SignalRTokenService;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of messaging through the service's REST API ({@link SignalRTemplate}) and of the endpoints'
 * health checks.
 */
@AutoConfiguration(after = SignalRAutoConfiguration.class)
@ConditionalOnClass(RestClient.class)
@ConditionalOnBean(ServiceEndpointRegistry.class)
@EnableConfigurationProperties(SignalRRestProperties.class)
@Import(SignalRRestAutoConfiguration.HealthCheckConfiguration.class)
public final class SignalRRestAutoConfiguration {

	private static final AtomicInteger httpThreads = new AtomicInteger();

	/**
	 * The REST client's threads, reused: without an executor of the {@code HttpClient}'s own, Spring's
	 * {@code JdkClientHttpRequestFactory} writes every request body on a new thread (a {@code SimpleAsyncTaskExecutor}),
	 * which at 600 calls a second on two cores made the median send take 1.4 s instead of 4 ms. Daemons, idle ones
	 * ending after a minute.
	 */
	private static final Executor HTTP_THREADS = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "signalr-rest-http-" + httpThreads.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	@Bean
	@ConditionalOnMissingBean
	SignalRTemplate signalRTemplate(ServiceEndpointRegistry registry, EndpointRouter router,
			SignalRTokenService tokens, SignalRRestProperties properties,
			ObjectProvider<SignalRRestClientCustomizer> customizers, ObjectProvider<EndpointKeyRefresher> keyRefresher,
			ObjectProvider<RestBearerTokenProvider> bearerTokens, ObjectProvider<SignalRListener> listeners,
			SignalRProperties signalRProperties, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SignalRRestObservationConvention> observationConvention) {
		return new SignalRTemplate(registry, router, tokens, restClient(properties, customizers),
				keyRefresher.getIfAvailable(), bearerTokens.getIfAvailable(),
				SignalRListener.of(listeners.orderedStream().toList()))
			.withRetries(retryPolicy(properties.getRetry()))
			.withCallTimeout(positive("azure.signalr.rest.call-timeout", properties.getCallTimeout()))
			.forApplication(signalRProperties.getApplicationName())
			.withObservations(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
					observationConvention.getIfAvailable());
	}

	static RestRetryPolicy retryPolicy(SignalRRestProperties.Retry retry) {
		if (!retry.isEnabled()) {
			return RestRetryPolicy.NONE;
		}
		if (retry.getMaxRetries() < 0) {
			throw new InvalidConfigurationPropertyValueException("azure.signalr.rest.retry.max-retries",
					retry.getMaxRetries(), "It cannot be negative; 0 makes no retry.");
		}
		if (retry.getDelay() == null || retry.getDelay().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("azure.signalr.rest.retry.delay", retry.getDelay(),
					"A delay cannot be negative, for example 800ms.");
		}
		if (retry.getMaxDelay() == null || retry.getMaxDelay().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("azure.signalr.rest.retry.max-delay",
					retry.getMaxDelay(), "A delay cannot be negative, for example 1m.");
		}
		return new RestRetryPolicy(retry.getMode(), retry.getMaxRetries(), retry.getDelay(), retry.getMaxDelay());
	}

	// Not the application's RestClient.Builder: its interceptors and observations would see every bearer token, and
	// its redirect policy would carry the Authorization header to wherever a 3xx points.
	private static RestClient restClient(SignalRRestProperties properties,
			ObjectProvider<SignalRRestClientCustomizer> customizers) {
		Duration connectTimeout = positive("azure.signalr.rest.connect-timeout", properties.getConnectTimeout());
		Duration readTimeout = positive("azure.signalr.rest.read-timeout", properties.getReadTimeout());
		// The HttpClient at the first call, not at start-up: the factory asks for it once, then.
		RestClient.Builder builder = RestClient.builder()
			.requestFactory(new JdkByteArrayRequestFactory(() -> HttpClient.newBuilder()
				.connectTimeout(connectTimeout)
				.followRedirects(HttpClient.Redirect.NEVER)
				.executor(HTTP_THREADS)
				.build(), readTimeout));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	static Duration positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "A timeout must be longer than zero, "
					+ "for example 10s.");
		}
		return value;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "azure.signalr.health-check.enabled", matchIfMissing = true)
	static class HealthCheckConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EndpointHealthProbe signalREndpointHealthProbe(SignalRProperties properties) {
			// Its own client: a probe gives up after its timeout (2 s, as .NET's), whatever the application's clients use.
			// Made at the first probe, one interval after start-up; the timeout is checked now.
			Duration timeout = positive("azure.signalr.health-check.timeout", properties.getHealthCheck().getTimeout());
			return new RestHealthProbe(RestClient.builder().requestFactory(new LazyClientHttpRequestFactory(() -> {
				HttpClient httpClient = HttpClient.newBuilder().connectTimeout(timeout).build();
				JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
				requestFactory.setReadTimeout(timeout);
				return requestFactory;
			})).build());
		}

		@Bean
		@ConditionalOnMissingBean
		EndpointHealthChecker signalREndpointHealthChecker(ServiceEndpointRegistry registry, EndpointHealthProbe probe,
				SignalRProperties properties) {
			SignalRProperties.HealthCheck healthCheck = properties.getHealthCheck();
			return new EndpointHealthChecker(registry, probe, healthCheck.getRetries(), healthCheck.getRetryInterval(),
					healthCheck.isEnabledForSingleEndpoint());
		}

		@Bean
		EndpointHealthCheckSchedule signalREndpointHealthCheckSchedule(EndpointHealthChecker checker,
				SignalRProperties properties) {
			return new EndpointHealthCheckSchedule(checker, properties.getHealthCheck().getInterval());
		}

	}

}
