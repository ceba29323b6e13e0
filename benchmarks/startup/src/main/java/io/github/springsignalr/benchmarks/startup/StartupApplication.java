package io.github.springsignalr.benchmarks.startup;

import java.net.HttpURLConnection;
import java.net.URI;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A new user's application: Spring MVC, one endpoint, the starter on the class path. It starts, marks the moment it
 * is ready ({@link ReadyMark}), calls its own endpoint once (a start that cannot answer does not count) and exits;
 * {@code startup.sh} reads Spring Boot's "Started … in X seconds" line and the mark's figures. With
 * {@code -Dstartup.steps=true} it also prints the starter's slowest start-up steps ({@link StartupSteps}).
 */
@SpringBootApplication
@RestController
public class StartupApplication {

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		ReadyMark.mark();
	}

	public static void main(String[] args) throws Exception {
		SpringApplication application = new SpringApplication(StartupApplication.class);
		BufferingApplicationStartup steps = Boolean.getBoolean("startup.steps") ? new BufferingApplicationStartup(20_000)
				: null;
		if (steps != null) {
			application.setApplicationStartup(steps);
		}
		ConfigurableApplicationContext context = application.run(args);
		if (steps != null) {
			StartupSteps.print(steps, System.out);
		}
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + "/hello")
			.toURL()
			.openConnection();
		int status = connection.getResponseCode();
		System.out.println("startup-benchmark: GET /hello " + status);
		System.exit(SpringApplication.exit(context, () -> (status == 200) ? 0 : 1));
	}

}
