package io.github.springsignalr.aot;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.springsignalr.actuate.KeyRefreshStatus;
import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.actuate.SignalREndpoint;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.SignalRConnected;
import io.github.springsignalr.upstream.SignalRDisconnected;
import io.github.springsignalr.upstream.SignalRMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What ahead-of-time processing registers for a native image, through Spring's own AOT pipeline (as
 * {@code spring-boot:process-aot} runs it) on a context holding an application's hub bean and the {@code signalr}
 * actuator endpoint: the upstream handler methods with the types of their parameters and results, bound with
 * Jackson, and the endpoint's descriptors, written as JSON. Checked with {@link RuntimeHintsPredicates}.
 */
class AotRuntimeHintsTests {

	private static RuntimeHints hints;

	@BeforeAll
	static void processAheadOfTime() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(Beans.class);
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(AotRuntimeHintsTests.class)), new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
			hints = generation.getRuntimeHints();
		}
	}

	@Test
	void upstreamHandlerMethodsAreRegisteredForInvocation() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Hub.class, "send")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Hub.class, "later")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Hub.class, "joined")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Hub.class, "left")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Hub.class, "helper")).rejects(hints);
	}

	@Test
	void theTypesOfTheirArgumentsAndResultsAreRegisteredForJsonBinding() {
		for (Class<?> type : List.of(Message.class, Attachment.class, Receipt.class, Later.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getSimpleName()).accepts(hints);
		}
		// Record accessors and canonical constructors, which Jackson calls.
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Message.class, "text")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Attachment.class, "name")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Later.class, "at")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(InvocationContext.class)).rejects(hints);
	}

	@Test
	void theActuatorEndpointsDescriptorsAreRegisteredForJson() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SignalREndpoint.class, "signalr"))
			.accepts(hints);
		for (Class<?> type : List.of(SignalREndpoint.SignalRDescriptor.class, SignalREndpoint.EndpointDescriptor.class,
				SignalREndpoint.KeyDescriptor.class, KeyRefreshStatus.class, KeyRotationStatus.StagedKey.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getSimpleName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(SignalREndpoint.EndpointDescriptor.class, "serverEndpoint")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SignalREndpoint.KeyDescriptor.class, "id"))
			.accepts(hints);
	}

	@Configuration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		Hub hub() {
			return new Hub();
		}

		@Bean
		ServiceEndpointRegistry registry() {
			return new ServiceEndpointRegistry(List.of(), null);
		}

		@Bean
		SignalREndpoint signalREndpoint(ServiceEndpointRegistry registry) {
			return new SignalREndpoint(registry, null, KeyRefreshStatusSource.NONE, Clock.systemUTC());
		}

	}

	static class Hub {

		@SignalRMessage(hub = "chat")
		Receipt send(InvocationContext context, Message message) {
			return new Receipt(message.text().length());
		}

		@SignalRMessage(hub = "chat")
		CompletionStage<Later> later(List<Attachment> attachments) {
			return CompletableFuture.completedFuture(new Later(attachments.size()));
		}

		@SignalRConnected
		void joined(InvocationContext context) {
		}

		@SignalRDisconnected
		void left() {
		}

		void helper() {
		}

	}

	record Message(String text, Attachment attachment) {
	}

	record Attachment(String name) {
	}

	record Receipt(int length) {
	}

	record Later(int at) {
	}

}
