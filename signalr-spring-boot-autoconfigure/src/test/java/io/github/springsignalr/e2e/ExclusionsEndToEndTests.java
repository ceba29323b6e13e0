package io.github.springsignalr.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorTest;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRTokenService;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sendToAllExcept} with 500 excluded connection ids against the emulator, over real sockets, with the official
 * Java client receiving: the exclusions go in the query, not in the token's audience, so the token stays short (it
 * used to pass 4 KB and be refused before it was sent).
 */
@SignalREmulatorTest
@EndToEndTest
class ExclusionsEndToEndTests {

	@Test
	void broadcastExcludingFiveHundredConnectionsReachesOnlyTheOthers(SignalREmulator emulator) throws Exception {
		ServiceEndpoint endpoint = ServiceEndpoint.of(emulator.primaryConnectionString());
		SignalRTokenService tokens = new SignalRTokenService();
		BlockingQueue<String> keptReceived = new LinkedBlockingQueue<>();
		BlockingQueue<String> excludedReceived = new LinkedBlockingQueue<>();
		HubConnection kept = connect(emulator, tokens, endpoint, "kept", keptReceived);
		HubConnection excluded = connect(emulator, tokens, endpoint, "excluded", excludedReceived);
		try {
			List<String> ids = new ArrayList<>(IntStream.range(0, 499)
				.mapToObj((i) -> "gone-connection-" + i + "-" + "x".repeat(8))
				.toList());
			ids.add(excluded.getConnectionId());
			SignalRTemplate template = new SignalRTemplate(new ServiceEndpointRegistry(List.of(endpoint), null),
					new DefaultEndpointRouter(), tokens, RestClient.create(), null, null, SignalRListener.NONE);
			SignalRResult result = template.sendToAllExcept("Chat", ids, "message", "not for the excluded");
			assertThat(result.results()).extracting(EndpointResult::outcome)
				.containsExactly(EndpointResult.Outcome.OK);
			assertThat(keptReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("not for the excluded");
			template.sendToConnection("chat", excluded.getConnectionId(), "message", "marker");
			assertThat(excludedReceived.poll(10, TimeUnit.SECONDS)).as("the broadcast never came before it")
				.isEqualTo("marker");
		}
		finally {
			kept.stop().blockingAwait(10, TimeUnit.SECONDS);
			excluded.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

	private static HubConnection connect(SignalREmulator emulator, SignalRTokenService tokens, ServiceEndpoint endpoint,
			String user, BlockingQueue<String> received) {
		String token = tokens.clientToken(endpoint, ClientTokenRequest.of("chat", user));
		HubConnection connection = HubConnectionBuilder.create(emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.just(token))
			.build();
		connection.on("message", received::add, String.class);
		connection.start().blockingAwait(15, TimeUnit.SECONDS);
		return connection;
	}

}
