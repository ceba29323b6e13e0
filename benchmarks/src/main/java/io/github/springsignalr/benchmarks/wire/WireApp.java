package io.github.springsignalr.benchmarks.wire;

import java.io.File;
import java.util.Map;

import io.github.springsignalr.autoconfigure.rest.SignalRRestClientCustomizer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A Spring MVC application on the starter and nothing else: the starter's negotiate endpoint
 * ({@code POST /{hub}/negotiate}) and, beside it on the same server, {@code POST /hello}, as trivial as an endpoint
 * gets in the same way: a functional route answering a small JSON object through the same converter. {@code wire.sh}
 * drives both with wrk; {@link SendBenchmark} takes its {@code SignalRTemplate} from a context of it without a web
 * server.
 * <p>
 * The connection string comes as an application would have it, e.g. from {@code AZURE_SIGNALR_CONNECTIONSTRING};
 * never on the command line, where {@code ps} would show its key.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class WireApp {

	/** The trivial endpoint's answer, a fixed object like the negotiate answer's map. */
	private static final Map<String, Object> HELLO = Map.of("hello", "world");

	/**
	 * Starts the application; with {@code -Dwire.port-file=<file>}, writes the port its server listens on there once
	 * it does ({@code --server.port=0} picks a free one).
	 */
	public static void main(String[] args) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(WireApp.class);
		String portFile = System.getProperty("wire.port-file");
		if (portFile != null) {
			application.listeners(new WebServerPortFileWriter(new File(portFile)));
		}
		application.run(args);
	}

	/**
	 * The application without its web server, on the given endpoint: what {@link SendBenchmark} sends with.
	 */
	static ConfigurableApplicationContext withoutServer(String connectionString) {
		return withoutServer(connectionString, null);
	}

	/**
	 * The same with a {@link SignalRRestClientCustomizer} bean ({@code null} for none).
	 */
	static ConfigurableApplicationContext withoutServer(String connectionString,
			SignalRRestClientCustomizer customizer) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(WireApp.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(Map.of("azure.signalr.connection-string", connectionString, "logging.level.root", "WARN",
					"spring.main.banner-mode", "off"));
		if (customizer != null) {
			application.initializers((context) -> ((GenericApplicationContext) context)
				.registerBean(SignalRRestClientCustomizer.class, () -> customizer));
		}
		return application.run();
	}

	@Bean
	RouterFunction<ServerResponse> helloRoute() {
		return RouterFunctions.route(RequestPredicates.POST("/hello"),
				(request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(HELLO));
	}

}
