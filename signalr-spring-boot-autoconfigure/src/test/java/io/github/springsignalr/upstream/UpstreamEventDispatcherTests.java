package io.github.springsignalr.upstream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link UpstreamEventDispatcher}: which method an event reaches and what the service gets back. The same
 * over HTTP, from the emulator and the official client, is in {@code UpstreamEndToEndTests}.
 */
class UpstreamEventDispatcherTests {

	private static final JsonMapper json = JsonMapper.shared();

	private final Handlers handlers = new Handlers();

	private final UpstreamEventDispatcher dispatcher = new UpstreamEventDispatcher(json);

	UpstreamEventDispatcherTests() {
		this.dispatcher.register(this.handlers);
	}

	@Test
	void disconnectedEventCarriesItsError() {
		UpstreamResponse response = this.dispatcher.dispatch(context("chat", "connections", "disconnected"),
				bytes("{\"Type\":11,\"Error\":\"Connection closed with an error.\"}"));
		assertThat(response).isEqualTo(UpstreamResponse.OK);
		assertThat(this.handlers.received).singleElement()
			.satisfies((context) -> assertThat(context.error()).isEqualTo("Connection closed with an error."));
	}

	@Test
	void disconnectedEventIsReadWithARecordSeparatorToo() {
		this.dispatcher.dispatch(context("chat", "connections", "disconnected"),
				bytes("{\"Type\":11,\"Error\":\"gone\"}\u001e"));
		assertThat(this.handlers.received).singleElement()
			.satisfies((context) -> assertThat(context.error()).isEqualTo("gone"));
	}

	@Test
	void connectionEventsReachMethodsOfTheirHubAndOfEveryHub() {
		this.dispatcher.dispatch(context("chat", "connections", "connected"), bytes("{\"type\":10}"));
		this.dispatcher.dispatch(context("other", "connections", "connected"), bytes("{\"type\":10}"));
		assertThat(this.handlers.received).extracting(InvocationContext::hub).containsExactly("chat", "chat", "other");
	}

	@Test
	void aMethodOfTheHubWinsOverOneOfEveryHub() {
		assertThat(result(invoke("chat", "whoami", "1"))).isEqualTo("chat");
		assertThat(result(invoke("other", "whoami", "1"))).isEqualTo("any");
	}

	@Test
	void argumentsAreReadIntoTheParametersTypes() {
		UpstreamResponse response = invoke("chat", "total", "7", "[1,2,3]", "{\"name\":\"x\",\"size\":4}");
		assertThat(response.status()).isEqualTo(200);
		JsonNode completion = completion(response);
		assertThat(completion.get("type").asInt()).isEqualTo(3);
		assertThat(completion.get("invocationId").asString()).isEqualTo("7");
		assertThat(completion.get("result").asInt()).isEqualTo(10);
	}

	@Test
	void anInvocationIsReadWithTheRecordSeparatorTheServiceForwardsAndWithout() {
		String record = "{\"type\":1,\"invocationId\":\"4\",\"target\":\"whoami\",\"arguments\":[]}";
		assertThat(result(this.dispatcher.dispatch(context("chat", "messages", "whoami"), bytes(record + "\u001e"))))
			.isEqualTo("chat");
		assertThat(result(this.dispatcher.dispatch(context("chat", "messages", "whoami"), bytes(record))))
			.isEqualTo("chat");
		assertThat(this.dispatcher.dispatch(context("chat", "messages", "whoami"),
				bytes(record + "\u001e" + record + "\u001e")))
			.as("two records in one body")
			.isEqualTo(UpstreamResponse.BAD_REQUEST);
	}

	@Test
	void aNullResultIsAResultAndAVoidMethodIsNot() {
		assertThat(completion(invoke("chat", "nobody", "8")).get("result").isNull()).isTrue();
		assertThat(completion(invoke("chat", "nothing", "8")).has("result")).isFalse();
	}

	@Test
	void argumentsThatDoNotFitAreAnErrorCompletion() {
		assertThat(error(invoke("chat", "total", "1", "[1]"))).contains("Error binding arguments");
		assertThat(error(invoke("chat", "total", "1", "\"not a list\"", "{}"))).contains("Error binding arguments");
		assertThat(error(invoke("chat", "total", "1", "[1]", "{}", "3"))).contains("Error binding arguments");
	}

	@Test
	void aVoidMethodCompletesWithoutResult() {
		JsonNode completion = completion(invoke("chat", "nothing", "5"));
		assertThat(completion.has("result")).isFalse();
		assertThat(completion.has("error")).isFalse();
	}

	@Test
	void aCompletionStageIsWaitedFor() {
		assertThat(result(invoke("chat", "later", "6"))).isEqualTo("later");
		assertThat(error(invoke("chat", "failsLater", "6"))).isEqualTo("not now");
	}

	@Test
	void aStageThatDoesNotCompleteInTimeIsAnErrorCompletionAndItsLaterResultIsIgnored() {
		UpstreamEventDispatcher impatient = new UpstreamEventDispatcher(json, Duration.ofMillis(200));
		impatient.register(this.handlers);
		UpstreamResponse response = assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> impatient.dispatch(context("chat", "messages", "never"),
						bytes("{\"type\":1,\"invocationId\":\"5\",\"target\":\"never\",\"arguments\":[]}\u001e")));
		assertThat(completion(response).get("invocationId").asString()).isEqualTo("5");
		assertThat(completion(response).has("result")).isFalse();
		assertThat(error(response)).contains("'never'").contains("did not complete in time");
		this.handlers.pending.complete("too late");
		assertThat(this.handlers.pending).isDone();
	}

	@Test
	void anInvocationWithoutIdIsAnsweredWithoutBody() {
		assertThat(invoke("chat", "whoami", null)).isEqualTo(UpstreamResponse.OK);
		assertThat(invoke("chat", "missing", null)).isEqualTo(UpstreamResponse.OK);
	}

	@Test
	void whatIsNotAnEventOfTheServiceIsABadRequest() {
		assertThat(this.dispatcher.dispatch(context("chat", "messages", "whoami"), bytes("not json")))
			.isEqualTo(UpstreamResponse.BAD_REQUEST);
		assertThat(this.dispatcher.dispatch(context("chat", "messages", "whoami"),
				bytes("{\"type\":1,\"invocationId\":\"1\",\"target\":\"total\",\"arguments\":[]}")))
			.as("the event is not the invocation's target")
			.isEqualTo(UpstreamResponse.BAD_REQUEST);
		assertThat(this.dispatcher.dispatch(context("chat", "messages", "whoami"),
				bytes("{\"type\":4,\"invocationId\":\"1\",\"target\":\"whoami\",\"arguments\":[]}")))
			.as("a stream invocation")
			.isEqualTo(UpstreamResponse.BAD_REQUEST);
		assertThat(this.dispatcher.dispatch(context("chat", "connections", "connect"), bytes("{}")))
			.isEqualTo(UpstreamResponse.BAD_REQUEST);
		assertThat(this.dispatcher.dispatch(context("chat", "other", "x"), bytes("{}")))
			.isEqualTo(UpstreamResponse.BAD_REQUEST);
	}

	@Test
	void aFailingConnectionMethodIsAServerError() {
		assertThat(this.dispatcher.dispatch(context("broken", "connections", "connected"), bytes("{\"type\":10}")))
			.isEqualTo(UpstreamResponse.SERVER_ERROR);
	}

	private UpstreamResponse invoke(String hub, String target, String invocationId, String... arguments) {
		String id = (invocationId != null) ? "\"invocationId\":\"" + invocationId + "\"," : "";
		String body = "{\"type\":1," + id + "\"target\":\"" + target + "\",\"arguments\":["
				+ String.join(",", arguments) + "]}";
		return this.dispatcher.dispatch(context(hub, "messages", target), bytes(body));
	}

	/**
	 * The completion record of {@code response}, which must end with the record separator as the client needs it.
	 */
	private static JsonNode completion(UpstreamResponse response) {
		assertThat(response.contentType()).isEqualTo("application/json");
		byte[] body = response.body();
		assertThat(body).isNotEmpty();
		assertThat(body[body.length - 1]).as("the record separator ends the completion").isEqualTo((byte) 0x1E);
		assertThat(body).as("one record").containsOnlyOnce((byte) 0x1E);
		return json.readTree(Arrays.copyOf(body, body.length - 1));
	}

	private static String result(UpstreamResponse response) {
		return completion(response).get("result").asString();
	}

	private static String error(UpstreamResponse response) {
		return completion(response).get("error").asString();
	}

	private static InvocationContext context(String hub, String category, String event) {
		return new InvocationContext(hub, category, event, "c1", "alice", Map.of(), Map.of(), Map.of(), null);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	record Item(String name, int size) {

	}

	static class Handlers {

		final List<InvocationContext> received = new ArrayList<>();

		final CompletableFuture<String> pending = new CompletableFuture<>();

		@SignalRConnected(hub = "chat")
		void connected(InvocationContext context) {
			this.received.add(context);
		}

		@SignalRConnected
		void connectedAnywhere(InvocationContext context) {
			this.received.add(context);
		}

		@SignalRConnected(hub = "broken")
		void broken() {
			throw new IllegalStateException("broken");
		}

		@SignalRDisconnected(hub = "chat")
		void disconnected(InvocationContext context) {
			this.received.add(context);
		}

		@SignalRMessage(hub = "chat", target = "whoami")
		String chat() {
			return "chat";
		}

		@SignalRMessage(target = "whoami")
		String any() {
			return "any";
		}

		@SignalRMessage(hub = "chat")
		int total(List<Integer> numbers, InvocationContext context, Item item) {
			return numbers.stream().mapToInt(Integer::intValue).sum() + item.size();
		}

		@SignalRMessage(hub = "chat")
		void nothing() {
		}

		@SignalRMessage(hub = "chat")
		String nobody() {
			return null;
		}

		@SignalRMessage(hub = "chat")
		CompletableFuture<String> later() {
			return CompletableFuture.supplyAsync(() -> "later");
		}

		@SignalRMessage(hub = "chat")
		CompletableFuture<String> never() {
			return this.pending;
		}

		@SignalRMessage(hub = "chat")
		CompletableFuture<String> failsLater() {
			return CompletableFuture.failedFuture(new SignalRHubException("not now"));
		}

	}

}
