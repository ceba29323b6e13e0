package io.github.springsignalr.upstream.internal;

import java.io.IOException;
import java.io.InputStream;

import io.github.springsignalr.upstream.UpstreamAuthenticator;
import io.github.springsignalr.upstream.UpstreamConnections;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.UpstreamResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the upstream URL the service POSTs serverless events to, in a Spring MVC application: the request adapted to
 * {@link UpstreamRequestHandler}, which the WebFlux route shares and whose javadoc tells what is refused.
 */
public final class UpstreamHandler implements HandlerFunction<ServerResponse> {

	// The shared handler's category, so that one logging level serves both stacks.
	private static final Log logger = LogFactory.getLog(UpstreamRequestHandler.class);

	private final UpstreamRequestHandler handler;

	public UpstreamHandler(UpstreamAuthenticator authenticator, UpstreamConnections connections,
			UpstreamEventDispatcher dispatcher, boolean messagePackAvailable, String applicationName) {
		this.handler = new UpstreamRequestHandler(authenticator, connections, dispatcher, messagePackAvailable,
				applicationName, logger);
	}

	@Override
	public ServerResponse handle(ServerRequest request) throws IOException {
		UpstreamRequestHandler.Admission admission = this.handler.admit(request.path(), request.pathVariables(),
				request.headers().asHttpHeaders());
		if (!admission.isAdmitted()) {
			return write(admission.refusal());
		}
		byte[] body;
		try (InputStream in = request.servletRequest().getInputStream()) {
			body = in.readNBytes(UpstreamRequestHandler.MAX_BODY_SIZE + 1);
		}
		return write(this.handler.dispatch(admission, body));
	}

	static ServerResponse write(UpstreamResponse response) {
		ServerResponse.BodyBuilder answer = ServerResponse.status(response.status());
		return (response.body() != null)
				? answer.contentType(MediaType.parseMediaType(response.contentType())).body(response.body())
				: answer.build();
	}

}
