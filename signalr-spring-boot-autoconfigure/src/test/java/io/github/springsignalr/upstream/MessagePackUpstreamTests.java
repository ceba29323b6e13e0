package io.github.springsignalr.upstream;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Invocations of MessagePack clients through {@link UpstreamEventDispatcher}: the body the service POSTs (the
 * message without its length, as the Functions extension reads it; with it, too) and the completion it relays to the
 * client (with its VarInt length, as {@code HubProtocol.md} frames messages).
 */
class MessagePackUpstreamTests {

	private final UpstreamEventDispatcher dispatcher = new UpstreamEventDispatcher(JsonMapper.shared());

	MessagePackUpstreamTests() {
		this.dispatcher.register(new Handlers());
	}

	@Test
	void argumentsBindToTheParametersAndTheResultIsAFramedCompletion() throws IOException {
		UpstreamResponse response = invoke("total", "9", false, List.of(1, 2, 3), Map.of("name", "x", "size", 4));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).isEqualTo("application/x-msgpack");
		ArrayValue completion = unframe(response.body());
		assertThat(completion.size()).isEqualTo(5);
		assertThat(completion.get(0).asIntegerValue().toInt()).as("type").isEqualTo(3);
		assertThat(completion.get(1).asMapValue().size()).as("headers").isZero();
		assertThat(completion.get(2).asStringValue().asString()).isEqualTo("9");
		assertThat(completion.get(3).asIntegerValue().toInt()).as("non-void result").isEqualTo(3);
		assertThat(completion.get(4).asIntegerValue().toInt()).isEqualTo(10);
	}

	@Test
	void aBodyWithTheLengthPrefixIsReadToo() throws IOException {
		ArrayValue completion = unframe(invoke("total", "9", true, List.of(5), Map.of("name", "y", "size", 1)).body());
		assertThat(completion.get(4).asIntegerValue().toInt()).isEqualTo(6);
	}

	@Test
	void anErrorAndAVoidCompletionHaveTheirResultKinds() throws IOException {
		ArrayValue error = unframe(invoke("refuse", "1", false, "no").body());
		assertThat(error.get(3).asIntegerValue().toInt()).as("error").isEqualTo(1);
		assertThat(error.get(4).asStringValue().asString()).isEqualTo("refused: no");
		ArrayValue empty = unframe(invoke("nothing", "2", false).body());
		assertThat(empty.size()).isEqualTo(4);
		assertThat(empty.get(3).asIntegerValue().toInt()).as("void").isEqualTo(2);
	}

	@Test
	void aStageThatDoesNotCompleteInTimeIsAnErrorCompletionInMessagePack() throws IOException {
		UpstreamEventDispatcher impatient = new UpstreamEventDispatcher(JsonMapper.shared(), Duration.ofMillis(200));
		Handlers handlers = new Handlers();
		impatient.register(handlers);
		byte[] body = message("never", "3");
		UpstreamResponse response = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> impatient.dispatch(
				new InvocationContext("chat", "messages", "never", "c1", null, Map.of(), Map.of(), Map.of(), null),
				body, true));
		assertThat(response.contentType()).isEqualTo("application/x-msgpack");
		ArrayValue error = unframe(response.body());
		assertThat(error.get(2).asStringValue().asString()).isEqualTo("3");
		assertThat(error.get(3).asIntegerValue().toInt()).as("error").isEqualTo(1);
		assertThat(error.get(4).asStringValue().asString()).contains("did not complete in time");
	}

	@Test
	void aRecordResultIsAMap() throws IOException {
		ArrayValue completion = unframe(invoke("item", "3", false, "z").body());
		Map<String, Object> item = JsonMapper.shared().readerForMapOf(Object.class).readValue(completion.get(4).toJson());
		assertThat(item).containsEntry("name", "z").containsEntry("size", 1);
	}

	@Test
	void whatIsNotOneMessageIsABadRequest() throws IOException {
		byte[] body = message("nothing", "1");
		byte[] twice = new byte[body.length * 2];
		System.arraycopy(body, 0, twice, 0, body.length);
		System.arraycopy(body, 0, twice, body.length, body.length);
		assertThat(dispatch("nothing", twice)).isEqualTo(UpstreamResponse.BAD_REQUEST);
		assertThat(dispatch("nothing", new byte[] { (byte) 0xc1 })).isEqualTo(UpstreamResponse.BAD_REQUEST);
		assertThat(dispatch("nothing", "{\"type\":1}".getBytes())).isEqualTo(UpstreamResponse.BAD_REQUEST);
		// [1, {}, <invalid UTF-8>, "nothing", []]
		byte[] badId = { (byte) 0x95, 0x01, (byte) 0x80, (byte) 0xa1, (byte) 0xff, (byte) 0xa7, 'n', 'o', 't', 'h', 'i',
				'n', 'g', (byte) 0x90 };
		assertThat(dispatch("nothing", badId).status()).isLessThan(500);
	}

	private UpstreamResponse invoke(String target, String invocationId, boolean prefixed, Object... arguments)
			throws IOException {
		byte[] body = message(target, invocationId, arguments);
		return dispatch(target, prefixed ? MessagePackUpstreamProtocol.framed(body) : body);
	}

	private UpstreamResponse dispatch(String target, byte[] body) {
		InvocationContext context = new InvocationContext("chat", "messages", target, "c1", null, Map.of(), Map.of(),
				Map.of(), null);
		return this.dispatcher.dispatch(context, body, true);
	}

	/**
	 * An invocation as the JavaScript client's MessagePack protocol writes it: {@code [1, {}, id, target, args, []]}.
	 */
	private static byte[] message(String target, String invocationId, Object... arguments) throws IOException {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			packer.packArrayHeader(6).packInt(1).packMapHeader(0).packString(invocationId).packString(target);
			packer.packArrayHeader(arguments.length);
			for (Object argument : arguments) {
				pack(packer, argument);
			}
			packer.packArrayHeader(0);
			return packer.toByteArray();
		}
	}

	private static void pack(MessageBufferPacker packer, Object value) throws IOException {
		if (value instanceof Integer number) {
			packer.packInt(number);
		}
		else if (value instanceof String text) {
			packer.packString(text);
		}
		else if (value instanceof List<?> list) {
			packer.packArrayHeader(list.size());
			for (Object item : list) {
				pack(packer, item);
			}
		}
		else if (value instanceof Map<?, ?> map) {
			packer.packMapHeader(map.size());
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				packer.packString((String) entry.getKey());
				pack(packer, entry.getValue());
			}
		}
	}

	/**
	 * Reads the VarInt length, then one message of exactly that length.
	 */
	private static ArrayValue unframe(byte[] framed) throws IOException {
		int length = 0;
		int offset = 0;
		int shift = 0;
		int b;
		do {
			b = framed[offset++] & 0xFF;
			length |= (b & 0x7F) << shift;
			shift += 7;
		}
		while ((b & 0x80) != 0);
		assertThat(framed.length - offset).as("the length prefix").isEqualTo(length);
		try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(framed, offset, length)) {
			ArrayValue message = unpacker.unpackValue().asArrayValue();
			assertThat(unpacker.hasNext()).isFalse();
			return message;
		}
	}

	record Item(String name, int size) {

	}

	static class Handlers {

		@SignalRMessage(hub = "chat")
		int total(List<Integer> numbers, Item item) {
			return numbers.stream().mapToInt(Integer::intValue).sum() + item.size();
		}

		@SignalRMessage(hub = "chat")
		void nothing() {
		}

		@SignalRMessage(hub = "chat")
		void refuse(String reason) {
			throw new SignalRHubException("refused: " + reason);
		}

		@SignalRMessage(hub = "chat")
		CompletableFuture<String> never() {
			return new CompletableFuture<>();
		}

		@SignalRMessage(hub = "chat")
		Item item(String name) {
			return new Item(name, 1);
		}

	}

}
