package io.github.springsignalr.emulator.rest;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.RawHubClient;
import io.github.springsignalr.emulator.RestCalls;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected into REST calls, through the builder, the Java API and the admin API, checked over real sockets
 * with a connected client counting what arrived: a refused call is never carried out, so what the client received
 * plus what was refused is what was sent.
 */
class RestFaultsTests {

	private static final String SEND = "/api/hubs/chat/:send?api-version=2022-06-01";

	private SignalREmulator emulator;

	private final List<RawHubClient> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		this.clients.forEach(RawHubClient::close);
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	@Test
	void throttledCallsGet429WithRetryAfterAndAreNotCarriedOut() throws Exception {
		start(SignalREmulator.builder().restFault(2, RestFault.throttle(Duration.ofSeconds(3))));
		RawHubClient client = connect();
		RestCalls rest = new RestCalls(this.emulator);
		HttpResponse<String> first = rest.call("POST", SEND, message(1));
		assertThat(first.statusCode()).isEqualTo(429);
		assertThat(first.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(rest.call("POST", SEND, message(2)).statusCode()).isEqualTo(429);
		assertThat(rest.call("POST", SEND, message(3)).statusCode()).isEqualTo(202);
		assertThat(client.nextMessage().path("arguments").get(0).asInt()).isEqualTo(3);
		assertThat(client.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
		assertThat(this.emulator.restFaults().count(RestFault.Kind.THROTTLE)).isEqualTo(2);
		assertThat(this.emulator.restFaults().refused()).isEqualTo(2);
	}

	@Test
	void unavailableAndInternalErrorAreArmedThroughTheAdminApiInOrder() throws Exception {
		start(SignalREmulator.builder());
		RawHubClient client = connect();
		assertThat(admin("POST", "{\"fault\":\"unavailable\",\"count\":1}").statusCode()).isEqualTo(200);
		assertThat(admin("POST", "{\"fault\":\"internal-error\",\"count\":1}").statusCode()).isEqualTo(200);
		RestCalls rest = new RestCalls(this.emulator);
		assertThat(rest.call("POST", SEND, message(1)).statusCode()).isEqualTo(503);
		assertThat(rest.call("POST", SEND, message(2)).statusCode()).isEqualTo(500);
		assertThat(rest.call("POST", SEND, message(3)).statusCode()).isEqualTo(202);
		assertThat(client.nextMessage().path("arguments").get(0).asInt()).isEqualTo(3);
		assertThat(client.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
		JsonNode status = JsonMapper.shared().readTree(admin("GET", null).body());
		assertThat(status.path("counts").path("unavailable").asInt()).isEqualTo(1);
		assertThat(status.path("counts").path("internal-error").asInt()).isEqualTo(1);
		assertThat(status.path("refused").asInt()).isEqualTo(2);
		assertThat(status.path("rules").isEmpty()).isTrue();
	}

	@Test
	void delayedCallsAreCarriedOutLate() throws Exception {
		start(SignalREmulator.builder());
		RawHubClient client = connect();
		this.emulator.restFaults().next(1, RestFault.delay(Duration.ofMillis(400)));
		long start = System.nanoTime();
		assertThat(new RestCalls(this.emulator).call("POST", SEND, message(1)).statusCode()).isEqualTo(202);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(client.nextMessage().path("arguments").get(0).asInt()).isEqualTo(1);
		assertThat(this.emulator.restFaults().count(RestFault.Kind.DELAY)).isEqualTo(1);
		assertThat(this.emulator.restFaults().refused()).isZero();
	}

	@Test
	void droppedCallsGetNoAnswerAndAreNotCarriedOut() throws Exception {
		start(SignalREmulator.builder());
		RawHubClient client = connect();
		assertThat(admin("POST", "{\"fault\":\"drop\",\"count\":1}").statusCode()).isEqualTo(200);
		RestCalls rest = new RestCalls(this.emulator);
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> rest.call("POST", SEND, message(1)));
		assertThat(rest.call("POST", SEND, message(2)).statusCode()).isEqualTo(202);
		assertThat(client.nextMessage().path("arguments").get(0).asInt()).isEqualTo(2);
		assertThat(client.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
		assertThat(this.emulator.restFaults().count(RestFault.Kind.DROP)).isEqualTo(1);
	}

	@Test
	void aFractionOfCallsIsRefusedAndEveryOtherMessageArrivesExactlyOnce() throws Exception {
		start(SignalREmulator.builder().restFault(0.3, RestFault.unavailable()));
		RawHubClient client = connect();
		RestCalls rest = new RestCalls(this.emulator);
		int sent = 200;
		int refusedSeen = 0;
		for (int i = 0; i < sent; i++) {
			int status = rest.call("POST", SEND, message(i)).statusCode();
			assertThat(status).isIn(202, 503);
			refusedSeen += (status == 503) ? 1 : 0;
		}
		assertThat(refusedSeen).isBetween(20, 120);
		assertThat(this.emulator.restFaults().refused()).isEqualTo(refusedSeen);
		for (int i = 0; i < sent - refusedSeen; i++) {
			client.nextMessage();
		}
		assertThat(client.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
	}

	@Test
	void fractionsAddUpInOneDrawAndNeverCountACallTwice() throws Exception {
		start(SignalREmulator.builder()
			.restFault(0.10, RestFault.throttle(Duration.ofSeconds(1)))
			.restFault(0.05, RestFault.unavailable()));
		RawHubClient client = connect();
		RestCalls rest = new RestCalls(this.emulator);
		int sent = 1000;
		int throttled = 0;
		int unavailable = 0;
		for (int i = 0; i < sent; i++) {
			HttpResponse<String> answer = rest.call("POST", SEND, message(i));
			switch (answer.statusCode()) {
				case 429 -> {
					throttled++;
					assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
				}
				case 503 -> unavailable++;
				default -> assertThat(answer.statusCode()).isEqualTo(202);
			}
		}
		// Binomial: 100 ± 9.5 and 50 ± 6.9 expected; five standard deviations either side. (With a draw per rule
		// the second would get 5 % of the remaining 90 %, 45.)
		assertThat(throttled).isBetween(52, 148);
		assertThat(unavailable).isBetween(15, 85);
		RestFaults faults = this.emulator.restFaults();
		assertThat(faults.count(RestFault.Kind.THROTTLE)).isEqualTo(throttled);
		assertThat(faults.count(RestFault.Kind.UNAVAILABLE)).isEqualTo(unavailable);
		assertThat(faults.refused()).isEqualTo(throttled + unavailable);
		for (int i = 0; i < sent - throttled - unavailable; i++) {
			client.nextMessage();
		}
		assertThat(client.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
	}

	@Test
	void fractionsAddingUpToMoreThanOneAreRefused() {
		RestFaults faults = new RestFaults().fraction(0.6, RestFault.unavailable());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> faults.fraction(0.5, RestFault.internalError()))
			.withMessageContaining("add up to at most 1");
		faults.fraction(0.4, RestFault.internalError());
		assertThat(faults.status().rules()).hasSize(2);
	}

	@Test
	void aStallHoldsEveryCallUntilItEndsThenCarriesEachOutOnce() throws Exception {
		start(SignalREmulator.builder());
		RawHubClient client = connect();
		RestCalls rest = new RestCalls(this.emulator);
		this.emulator.restFaults().stall(Duration.ofMillis(800));
		long start = System.nanoTime();
		List<CompletableFuture<Integer>> calls = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			int n = i;
			calls.add(CompletableFuture
				.supplyAsync(() -> rest.call("POST", SEND, message(n)).statusCode()));
		}
		for (CompletableFuture<Integer> call : calls) {
			assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(202);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
		List<Integer> received = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			received.add(client.nextMessage().path("arguments").get(0).asInt());
		}
		assertThat(received).containsExactlyInAnyOrder(0, 1, 2);
		assertThat(client.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
		assertThat(this.emulator.restFaults().stalled()).isEqualTo(3);
		assertThat(this.emulator.restFaults().refused()).isZero();
		// Over: the next call is not held.
		long after = System.nanoTime();
		assertThat(rest.call("POST", SEND, message(3)).statusCode()).isEqualTo(202);
		assertThat(Duration.ofNanos(System.nanoTime() - after)).isLessThan(Duration.ofMillis(700));
		assertThat(this.emulator.restFaults().stalled()).isEqualTo(3);
	}

	@Test
	void aStallIsArmedThroughTheAdminApiAndCounted() throws Exception {
		start(SignalREmulator.builder());
		assertThat(admin("POST", "{\"fault\":\"stall\",\"durationMillis\":500}").statusCode()).isEqualTo(200);
		assertThat(new RestCalls(this.emulator).call("POST", SEND, message(1)).statusCode()).isEqualTo(202);
		JsonNode status = JsonMapper.shared().readTree(admin("GET", null).body());
		assertThat(status.path("counts").path("stalled").asInt()).isEqualTo(1);
		assertThat(admin("POST", "{\"fault\":\"stall\"}").statusCode()).isEqualTo(400);
		assertThat(admin("DELETE", null).statusCode()).isEqualTo(200);
		assertThat(this.emulator.restFaults().stalled()).isZero();
	}

	@Test
	void healthIsNeverFaultedAndDeleteClearsRulesAndCounts() throws Exception {
		start(SignalREmulator.builder().restFault(1.0, RestFault.unavailable()));
		RestCalls rest = new RestCalls(this.emulator);
		assertThat(rest.call("HEAD", "/api/health", null, null).statusCode()).isEqualTo(200);
		assertThat(rest.call("POST", SEND, message(1)).statusCode()).isEqualTo(503);
		assertThat(admin("DELETE", null).statusCode()).isEqualTo(200);
		assertThat(this.emulator.restFaults().refused()).isZero();
		assertThat(rest.call("POST", SEND, message(2)).statusCode()).isEqualTo(202);
	}

	@Test
	void aBadRuleGets400() {
		start(SignalREmulator.builder());
		assertThat(admin("POST", "{\"fault\":\"explode\",\"count\":1}").statusCode()).isEqualTo(400);
		assertThat(admin("POST", "{\"fault\":\"unavailable\",\"count\":1,\"fraction\":0.5}").statusCode())
			.isEqualTo(400);
		assertThat(admin("POST", "{\"fault\":\"unavailable\",\"fraction\":2}").statusCode()).isEqualTo(400);
		assertThat(admin("POST", "not json").statusCode()).isEqualTo(400);
		assertThat(this.emulator.restFaults().status().rules()).isEmpty();
	}

	private void start(SignalREmulator.Builder builder) {
		this.emulator = builder.port(0).build().start();
	}

	private RawHubClient connect() {
		String token = Tokens.client(this.emulator.accessKey(KeyType.PRIMARY), this.emulator.clientAudience("chat"),
				"alice");
		RawHubClient client = RawHubClient.connect(this.emulator, "chat", token).handshake();
		this.clients.add(client);
		await().until(() -> this.emulator.connectionIds("chat").contains(client.connectionId()));
		return client;
	}

	private HttpResponse<String> admin(String method, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.emulator.endpoint() + "/admin/rest-faults"))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		return RestCalls.send(request.build());
	}

	private static String message(int n) {
		return "{\"target\":\"notify\",\"arguments\":[" + n + "]}";
	}

}
