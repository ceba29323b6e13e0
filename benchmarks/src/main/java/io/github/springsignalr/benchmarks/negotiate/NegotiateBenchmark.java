package io.github.springsignalr.benchmarks.negotiate;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.negotiate.internal.NegotiateHandler;
import io.github.springsignalr.negotiate.servlet.NegotiateUserIdResolver;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.NegotiateResponse;
import io.github.springsignalr.token.SignalRNegotiator;
import io.github.springsignalr.token.SignalRTokenService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One client's negotiate for hub {@code chat} as user {@code user-1}, across two primary endpoints with their own
 * keys, at three depths:
 * <ul>
 * <li>{@link #negotiator()}: what the library does, {@link SignalRNegotiator#negotiate}: the registry's snapshot, the
 * router's pick, the client URL and the token;</li>
 * <li>{@link #negotiatorAndJson()}: that, and the answer written as JSON by the mapper Spring MVC writes it with;</li>
 * <li>{@link #handler()}: the negotiate endpoint as Spring MVC runs it once the request is parsed: a
 * {@link ServerRequest} over the servlet request, the route's match, {@link NegotiateHandler} (hub check, user id from
 * the principal, the negotiator, the answer's body) and the response written through the JSON converter.</li>
 * </ul>
 * Left out: the socket, HTTP parsing and the servlet container, which make the servlet request and response (here
 * Spring's mock ones: the request reused with its attributes cleared, a new response per call); the
 * {@code DispatcherServlet}'s dispatch, filters and interceptors (Spring Security's, for one), which an application
 * adds whatever its endpoint does.
 * <p>
 * The benchmark builds {@link NegotiateHandler} as the auto-configuration does, with the default user id resolver and
 * no customizer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Thread)
public class NegotiateBenchmark {

	/** Benchmark-only keys, shaped as real ones. Never used against a service. */
	static final String FIRST_KEY = "YmVuY2htYXJrLW9ubHkta2V5LW5vdC1hLXNlY3JldDE=";

	static final String SECOND_KEY = "YmVuY2htYXJrLW9ubHkta2V5LW5vdC1hLXNlY3JldDI=";

	static final String FIRST_URL = "https://first.service.signalr.net";

	static final String SECOND_URL = "https://second.service.signalr.net";

	static final String HUB = "chat";

	static final String USER_ID = "user-1";

	private final ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
			List.of(endpoint("first", FIRST_URL, FIRST_KEY), endpoint("second", SECOND_URL, SECOND_KEY)),
			(event) -> {
			});

	private final SignalRNegotiator negotiator = new SignalRNegotiator(this.registry, new DefaultEndpointRouter(),
			new SignalRTokenService());

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final List<HttpMessageConverter<?>> converters = List.of(new JacksonJsonHttpMessageConverter(this.jsonMapper));

	private final ServerResponse.Context context = () -> this.converters;

	private RouterFunction<ServerResponse> route;

	private MockHttpServletRequest servletRequest;

	@Setup
	public void setUp() {
		// As SignalRNegotiateAutoConfiguration builds it, with one configured hub.
		NegotiateUserIdResolver userIdResolver = (request) -> request.principal().map(Principal::getName).orElse(null);
		NegotiateHandler handler = new NegotiateHandler(this.negotiator, List.of(HUB), userIdResolver, List.of());
		this.route = RouterFunctions.route(RequestPredicates.POST("/{hub}/negotiate"), handler);
		this.servletRequest = new MockHttpServletRequest("POST", "/" + HUB + "/negotiate");
		this.servletRequest.setQueryString("negotiateVersion=1");
		this.servletRequest.addParameter("negotiateVersion", "1");
		this.servletRequest.setUserPrincipal(() -> USER_ID);
	}

	@Benchmark
	public NegotiateResponse negotiator() {
		return this.negotiator.negotiate(ClientTokenRequest.builder(HUB).userId(USER_ID).build());
	}

	@Benchmark
	public byte[] negotiatorAndJson() {
		NegotiateResponse answer = negotiator();
		// The body NegotiateHandler answers with.
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("negotiateVersion", 0);
		body.put("url", answer.url());
		body.put("accessToken", answer.accessToken());
		body.put("availableTransports", List.of());
		return this.jsonMapper.writeValueAsBytes(body);
	}

	@Benchmark
	public MockHttpServletResponse handler() throws Exception {
		// A container hands every request over without attributes; the route's match leaves some behind.
		this.servletRequest.clearAttributes();
		ServerRequest request = ServerRequest.create(this.servletRequest, this.converters);
		HandlerFunction<ServerResponse> handler = this.route.route(request)
			.orElseThrow(() -> new IllegalStateException("The negotiate route does not match"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		handler.handle(request).writeTo(this.servletRequest, response, this.context);
		return response;
	}

	private static ServiceEndpoint endpoint(String name, String url, String key) {
		return ServiceEndpoint.of(name, EndpointType.PRIMARY, "Endpoint=" + url + ";AccessKey=" + key + ";Version=1.0;");
	}

}
