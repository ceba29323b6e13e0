package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import io.github.springsignalr.emulator.junit.SignalRConnectionString;
import io.github.springsignalr.emulator.junit.SignalREmulatorTest;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRTokenService;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations of the 2022-06-01 REST API that close connections, manage memberships with a time to live and
 * send to several groups or connections, against the emulator over real sockets, with the official Java client
 * observing each effect; and {@code application}, which keeps two applications' hubs of one name apart. The tests
 * share one emulator; each closes its connections.
 */
@SignalREmulatorTest
@EndToEndTest
class RestOperationsEndToEndTests {

	private ServiceEndpoint endpoint;

	private final List<HubConnection> connections = new ArrayList<>();

	@BeforeEach
	void endpoint(@SignalRConnectionString String connectionString) {
		this.endpoint = ServiceEndpoint.of(connectionString);
	}

	@AfterEach
	void stop() {
		this.connections.forEach((connection) -> connection.stop().blockingAwait(10, TimeUnit.SECONDS));
	}

	@Test
	void closeConnectionsClosesEveryConnectionOfTheHubButTheExcludedWithTheReason() throws Exception {
		SignalRTokenService tokens = new SignalRTokenService();
		Client kept = connect(tokens, "chat", "ann");
		Client closed = connect(tokens, "chat", "bob");
		template(tokens).closeConnections("chat", List.of(kept.connection().getConnectionId()), "maintenance");
		Throwable reason = closed.closed().get(10, TimeUnit.SECONDS);
		assertThat(reason).isNotNull();
		assertThat(reason.getMessage()).contains("maintenance");
		template(tokens).sendToAll("chat", "message", "still here");
		assertThat(kept.received().poll(10, TimeUnit.SECONDS)).isEqualTo("still here");
		assertThat(kept.connection().getConnectionState()).isEqualTo(HubConnectionState.CONNECTED);
	}

	@Test
	void closeGroupAndUserConnectionsCloseOnlyTheirsButTheExcluded() throws Exception {
		SignalRTokenService tokens = new SignalRTokenService();
		SignalRTemplate template = template(tokens);
		Client member = connect(tokens, "chat", "ann");
		Client excludedMember = connect(tokens, "chat", "ann");
		Client bob = connect(tokens, "chat", "bob");
		Client other = connect(tokens, "chat", "carl");
		template.addConnectionToGroup("chat", "ops", member.connection().getConnectionId());
		template.addConnectionToGroup("chat", "ops", excludedMember.connection().getConnectionId());
		template.closeGroupConnections("chat", "ops", List.of(excludedMember.connection().getConnectionId()),
				"group closed");
		assertThat(member.closed().get(10, TimeUnit.SECONDS).getMessage()).contains("group closed");
		template.closeUserConnections("chat", "bob", List.of(), "user closed");
		assertThat(bob.closed().get(10, TimeUnit.SECONDS).getMessage()).contains("user closed");
		template.sendToAll("chat", "message", "survivors");
		assertThat(excludedMember.received().poll(10, TimeUnit.SECONDS)).isEqualTo("survivors");
		assertThat(other.received().poll(10, TimeUnit.SECONDS)).isEqualTo("survivors");
	}

	@Test
	void aUsersMembershipEndsWhenItsTimeToLivePasses() throws Exception {
		SignalRTokenService tokens = new SignalRTokenService();
		SignalRTemplate template = template(tokens);
		Client ann = connect(tokens, "chat", "ann");
		template.addUserToGroup("chat", "short", "ann", Duration.ofSeconds(2));
		assertThat(template.isUserInGroup("chat", "short", "ann")).isTrue();
		template.sendToGroup("chat", "short", "message", "while a member");
		assertThat(ann.received().poll(10, TimeUnit.SECONDS)).isEqualTo("while a member");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (template.isUserInGroup("chat", "short", "ann") && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(template.isUserInGroup("chat", "short", "ann")).as("still a member after 30 s").isFalse();
		template.sendToGroup("chat", "short", "message", "after the end");
		template.sendToConnection("chat", ann.connection().getConnectionId(), "message", "marker");
		assertThat(ann.received().poll(10, TimeUnit.SECONDS)).as("the group's message never came before it")
			.isEqualTo("marker");
	}

	@Test
	void removingAConnectionFromAllGroupsLeavesItInNone() throws Exception {
		SignalRTokenService tokens = new SignalRTokenService();
		SignalRTemplate template = template(tokens);
		Client ann = connect(tokens, "chat", "ann");
		String id = ann.connection().getConnectionId();
		template.addConnectionToGroup("chat", "one", id);
		template.addConnectionToGroup("chat", "two", id);
		assertThat(template.groupExists("chat", "one")).isTrue();
		template.removeConnectionFromAllGroups("chat", id);
		assertThat(template.groupExists("chat", "one")).isFalse();
		assertThat(template.groupExists("chat", "two")).isFalse();
		template.sendToGroups("chat", List.of("one", "two"), "message", "to the groups");
		template.sendToConnection("chat", id, "message", "marker");
		assertThat(ann.received().poll(10, TimeUnit.SECONDS)).isEqualTo("marker");
	}

	@Test
	void sendsToSeveralGroupsAndConnectionsReachEach() throws Exception {
		SignalRTokenService tokens = new SignalRTokenService();
		SignalRTemplate template = template(tokens);
		Client ann = connect(tokens, "chat", "ann");
		Client bob = connect(tokens, "chat", "bob");
		Client carl = connect(tokens, "chat", "carl");
		template.addConnectionToGroup("chat", "one", ann.connection().getConnectionId());
		template.addUserToGroup("chat", "two", "bob");
		assertThat(template.sendToGroups("chat", List.of("one", "two"), "message", "groups").results()).hasSize(2);
		assertThat(ann.received().poll(10, TimeUnit.SECONDS)).isEqualTo("groups");
		assertThat(bob.received().poll(10, TimeUnit.SECONDS)).isEqualTo("groups");
		template.sendToConnections("chat",
				List.of(ann.connection().getConnectionId(), carl.connection().getConnectionId()), "message", "ids");
		assertThat(ann.received().poll(10, TimeUnit.SECONDS)).isEqualTo("ids");
		assertThat(carl.received().poll(10, TimeUnit.SECONDS)).isEqualTo("ids");
		assertThat(carl.received()).as("carl is in neither group").isEmpty();
		assertThat(bob.received()).as("bob's connection was not named").isEmpty();
	}

	@Test
	void theApplicationNameKeepsTwoApplicationsOnOneServiceApart() throws Exception {
		SignalRTokenService shopTokens = new SignalRTokenService();
		shopTokens.setApplicationName("Shop");
		SignalRTokenService bankTokens = new SignalRTokenService();
		bankTokens.setApplicationName("bank");
		assertThat(shopTokens.clientUrl(this.endpoint, "Chat")).endsWith("/client/?hub=shop_chat");
		assertThat(shopTokens.clientAudience(this.endpoint, "Chat")).endsWith("/client/?hub=shop_chat");
		Client shopper = connect(shopTokens, "chat", "ann");
		Client banker = connect(bankTokens, "chat", "ann");
		SignalRTemplate shop = template(shopTokens).forApplication("Shop");
		SignalRTemplate bank = template(bankTokens).forApplication("bank");
		shop.sendToAll("chat", "message", "for the shop");
		shop.sendToUser("chat", "ann", "message", "for ann at the shop");
		bank.sendToAll("chat", "message", "for the bank");
		assertThat(shopper.received().poll(10, TimeUnit.SECONDS)).isEqualTo("for the shop");
		assertThat(shopper.received().poll(10, TimeUnit.SECONDS)).isEqualTo("for ann at the shop");
		assertThat(banker.received().poll(10, TimeUnit.SECONDS)).isEqualTo("for the bank");
		assertThat(banker.received()).isEmpty();
		bank.closeConnections("chat", List.of(), "bank closes");
		assertThat(banker.closed().get(10, TimeUnit.SECONDS).getMessage()).contains("bank closes");
		assertThat(shop.connectionExists("chat", shopper.connection().getConnectionId())).isTrue();
		assertThat(template(shopTokens).connectionExists("chat", shopper.connection().getConnectionId()))
			.as("hub 'chat' of no application is another hub").isFalse();
	}

	private SignalRTemplate template(SignalRTokenService tokens) {
		return new SignalRTemplate(new ServiceEndpointRegistry(List.of(this.endpoint), null),
				new DefaultEndpointRouter(), tokens, RestClient.create(), null, null, SignalRListener.NONE);
	}

	private Client connect(SignalRTokenService tokens, String hub, String user) {
		String token = tokens.clientToken(this.endpoint, ClientTokenRequest.of(hub, user));
		HubConnection connection = HubConnectionBuilder.create(tokens.clientUrl(this.endpoint, hub))
			.withAccessTokenProvider(Single.just(token))
			.build();
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		CompletableFuture<Throwable> closed = new CompletableFuture<>();
		connection.on("message", received::add, String.class);
		connection.onClosed(closed::complete);
		connection.start().blockingAwait(15, TimeUnit.SECONDS);
		this.connections.add(connection);
		return new Client(connection, received, closed);
	}

	private record Client(HubConnection connection, BlockingQueue<String> received,
			CompletableFuture<Throwable> closed) {
	}

}
