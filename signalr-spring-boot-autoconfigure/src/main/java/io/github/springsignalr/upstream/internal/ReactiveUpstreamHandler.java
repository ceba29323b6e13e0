package io.github.springsignalr.upstream.internal;

import io.github.springsignalr.upstream.UpstreamAuthenticator;
import io.github.springsignalr.upstream.UpstreamConnections;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.UpstreamResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the upstream URL the service POSTs serverless events to, in a WebFlux application: the request adapted to
 * {@link UpstreamRequestHandler}, which the Spring MVC route shares and whose javadoc tells what is refused.
 * <p>
 * Nothing runs blocking work on the event loop: the request is admitted and dispatched on Reactor's bounded elastic
 * scheduler (admission may fetch Microsoft Entra ID's signing keys; the application's methods may block, and
 * {@code CompletionStage} results are awaited up to the invocation timeout), and the body is read without blocking
 * and only up to {@link UpstreamRequestHandler#MAX_BODY_SIZE} bytes, a longer one answered 413.
 */
public final class ReactiveUpstreamHandler implements HandlerFunction<ServerResponse> {

	// The shared handler's category, so that one logging level serves both stacks.
	private static final Log logger = LogFactory.getLog(UpstreamRequestHandler.class);

	private final UpstreamRequestHandler handler;

	private final Scheduler scheduler;

	public ReactiveUpstreamHandler(UpstreamAuthenticator authenticator, UpstreamConnections connections,
			UpstreamEventDispatcher dispatcher, boolean messagePackAvailable, String applicationName) {
		this(new UpstreamRequestHandler(authenticator, connections, dispatcher, messagePackAvailable,
				applicationName, logger), Schedulers.boundedElastic());
	}

	public ReactiveUpstreamHandler(UpstreamRequestHandler handler, Scheduler scheduler) {
		this.handler = handler;
		this.scheduler = scheduler;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		return Mono
			.fromCallable(() -> this.handler.admit(request.path(), request.pathVariables(),
					request.headers().asHttpHeaders()))
			.subscribeOn(this.scheduler)
			.flatMap((admission) -> admission.isAdmitted() ? dispatch(request, admission)
					: Mono.just(admission.refusal()))
			.flatMap(ReactiveUpstreamHandler::write);
	}

	private Mono<UpstreamResponse> dispatch(ServerRequest request, UpstreamRequestHandler.Admission admission) {
		return body(request)
			.publishOn(this.scheduler)
			.map((body) -> this.handler.dispatch(admission, body))
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> Mono.just(UpstreamRequestHandler.contentTooLarge()));
	}

	private static Mono<byte[]> body(ServerRequest request) {
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), UpstreamRequestHandler.MAX_BODY_SIZE)
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty(new byte[0]);
	}

	private static Mono<ServerResponse> write(UpstreamResponse response) {
		ServerResponse.BodyBuilder answer = ServerResponse.status(response.status());
		return (response.body() != null)
				? answer.contentType(MediaType.parseMediaType(response.contentType())).bodyValue(response.body())
				: answer.build();
	}

}
