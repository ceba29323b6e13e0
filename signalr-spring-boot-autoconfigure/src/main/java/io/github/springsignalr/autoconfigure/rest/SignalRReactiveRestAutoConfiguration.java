package io.github.springsignalr.autoconfigure.rest;

import java.net.http.HttpClient;
import java.time.Duration;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.endpoint.internal.EndpointKeyRefresher;
import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.rest.ReactiveSignalRTemplate;
import io.github.springsignalr.rest.RestBearerTokenProvider;
import io.github.springsignalr.rest.SignalRRestObservationConvention;
import io.github.springsignalr.token.SignalRTokenService;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of reactive messaging through the service's REST API ({@link ReactiveSignalRTemplate}), in any
 * application with WebFlux's {@link WebClient} on the class path, with the {@code azure.signalr.rest.*} settings of
 * {@code SignalRTemplate}.
 */
@AutoConfiguration(after = SignalRAutoConfiguration.class)
@ConditionalOnClass({ WebClient.class, Mono.class })
@ConditionalOnBean(ServiceEndpointRegistry.class)
@EnableConfigurationProperties(SignalRRestProperties.class)
public final class SignalRReactiveRestAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveSignalRTemplate reactiveSignalRTemplate(ServiceEndpointRegistry registry, EndpointRouter router,
			SignalRTokenService tokens, SignalRRestProperties properties,
			ObjectProvider<SignalRWebClientCustomizer> customizers, ObjectProvider<EndpointKeyRefresher> keyRefresher,
			ObjectProvider<RestBearerTokenProvider> bearerTokens, ObjectProvider<SignalRListener> listeners,
			SignalRProperties signalRProperties, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SignalRRestObservationConvention> observationConvention) {
		return new ReactiveSignalRTemplate(registry, router, tokens, webClient(properties, customizers),
				keyRefresher.getIfAvailable(), bearerTokens.getIfAvailable(),
				SignalRListener.of(listeners.orderedStream().toList()))
			.withRetries(SignalRRestAutoConfiguration.retryPolicy(properties.getRetry()))
			.withCallTimeout(
					SignalRRestAutoConfiguration.positive("azure.signalr.rest.call-timeout", properties.getCallTimeout()))
			.forApplication(signalRProperties.getApplicationName())
			.withObservations(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
					observationConvention.getIfAvailable());
	}

	// Not the application's WebClient.Builder, for the reasons SignalRTemplate's client is not the application's: its
	// filters would see every bearer token. The JDK's client, as SignalRTemplate's: non-blocking, never redirected.
	private static WebClient webClient(SignalRRestProperties properties,
			ObjectProvider<SignalRWebClientCustomizer> customizers) {
		Duration connectTimeout = SignalRRestAutoConfiguration.positive("azure.signalr.rest.connect-timeout",
				properties.getConnectTimeout());
		Duration readTimeout = SignalRRestAutoConfiguration.positive("azure.signalr.rest.read-timeout",
				properties.getReadTimeout());
		// The JDK's client at the first call, not while the application starts (LazyClientHttpConnector).
		LazyClientHttpConnector connector = new LazyClientHttpConnector(() -> {
			HttpClient httpClient = HttpClient.newBuilder()
				.connectTimeout(connectTimeout)
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			JdkClientHttpConnector jdk = new JdkClientHttpConnector(httpClient);
			jdk.setReadTimeout(readTimeout);
			return jdk;
		});
		WebClient.Builder builder = WebClient.builder().clientConnector(connector);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
