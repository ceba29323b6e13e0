package io.github.springsignalr.emulator.server;

import java.time.Duration;
import java.util.Locale;

import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.emulator.http.Exchange;
import io.github.springsignalr.emulator.rest.RestFault;
import io.github.springsignalr.emulator.rest.RestFaults;

/**
 * The admin API of {@link RestFaults}: {@code GET /admin/rest-faults} answers the counts and the rules armed,
 * {@code POST} arms one rule and {@code DELETE} clears rules and counts. A rule is
 * {@code {"fault": "throttle", "count": 3, "retryAfterSeconds": 1}} or
 * {@code {"fault": "delay", "fraction": 0.5, "delayMillis": 300}}; faults are {@code throttle}, {@code unavailable},
 * {@code internal-error}, {@code delay} and {@code drop}. {@code {"fault": "stall", "durationMillis": 2000}} holds
 * every call of the next two seconds until they are over.
 */
final class FaultsAdmin {

	static final String PATH = "/admin/rest-faults";

	private static final JsonMapper json = JsonMapper.shared();

	private FaultsAdmin() {
	}

	static Publisher<Void> handle(Exchange exchange, RestFaults faults) {
		if (HttpMethod.GET.equals(exchange.method())) {
			return exchange.json(200, faults.status());
		}
		if (HttpMethod.DELETE.equals(exchange.method())) {
			faults.clear();
			return exchange.json(200, faults.status());
		}
		if (!HttpMethod.POST.equals(exchange.method())) {
			return exchange.error(405, "Error.Request.MethodNotAllowed", "GET, POST or DELETE " + PATH);
		}
		return exchange.request().receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
			try {
				arm(faults, json.readTree(body));
			}
			catch (JacksonException | IllegalArgumentException ex) {
				return Mono.from(exchange.error(400, "Error.Request.Invalid", "A rule is {\"fault\": \"throttle\", "
						+ "\"count\": 3, \"retryAfterSeconds\": 1} or {\"fault\": \"delay\", \"fraction\": 0.5, "
						+ "\"delayMillis\": 300}: " + ex.getMessage()));
			}
			return Mono.from(exchange.json(200, faults.status()));
		});
	}

	private static void arm(RestFaults faults, JsonNode rule) {
		if (rule == null || !rule.isObject()) {
			throw new IllegalArgumentException("the body is not a JSON object");
		}
		if ("stall".equalsIgnoreCase(rule.path("fault").asString(""))) {
			if (!rule.path("durationMillis").isNumber()) {
				throw new IllegalArgumentException("a stall needs durationMillis");
			}
			faults.stall(Duration.ofMillis(rule.get("durationMillis").asLong()));
			return;
		}
		RestFault fault = fault(rule);
		boolean counted = rule.has("count");
		if (counted == rule.has("fraction")) {
			throw new IllegalArgumentException("give either count or fraction");
		}
		if (counted) {
			faults.next(rule.get("count").asInt(), fault);
		}
		else {
			faults.fraction(rule.get("fraction").asDouble(), fault);
		}
	}

	private static RestFault fault(JsonNode rule) {
		String name = rule.path("fault").asString("").toLowerCase(Locale.ROOT);
		return switch (name) {
			case "throttle" -> RestFault.throttle(Duration.ofSeconds(rule.path("retryAfterSeconds").asLong(1)));
			case "unavailable" -> RestFault.unavailable();
			case "internal-error" -> RestFault.internalError();
			case "delay" -> RestFault.delay(Duration.ofMillis(rule.path("delayMillis").asLong(0)));
			case "drop" -> RestFault.drop();
			default -> throw new IllegalArgumentException("unknown fault '" + name + "'");
		};
	}

}
