package io.github.springsignalr.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.github.springsignalr.emulator.auth.KeyRing;
import io.github.springsignalr.emulator.entra.EntraEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Everything the emulator logs, at debug level, through a session that touches every path a key or token passes:
 * start, negotiate, WebSockets (token in header and in query), REST with good and bad tokens, an upstream that fails
 * (with a function key in its URL), key regeneration in code and through the admin API, close; and with Microsoft
 * Entra ID: sign-in with a good and a wrong client secret (MSAL's and azure-identity's log included), temporary keys,
 * REST with the Entra token, tokens refused for a forged or an expired temporary key. No line holds a key, a secret,
 * a token or anything shaped like an access key.
 */
class NoSecretInLogTests {

	private static final Pattern ACCESS_KEY_SHAPE = Pattern.compile("[A-Za-z0-9+/]{43}=");

	private static final String FUNCTION_KEY = "upstream-function-key";

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger emulatorLogger = (Logger) LoggerFactory.getLogger("io.github.springsignalr");

	private Level previousLevel;

	@BeforeEach
	void capture() {
		this.previousLevel = this.emulatorLogger.getLevel();
		this.emulatorLogger.setLevel(Level.DEBUG);
		this.appender.start();
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(this.appender);
	}

	@AfterEach
	void release() {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this.appender);
		this.emulatorLogger.setLevel(this.previousLevel);
	}

	@Test
	void noKeyOrTokenInAnyLine() throws Exception {
		List<String> secrets = new ArrayList<>();
		SignalREmulator emulator = SignalREmulator.builder()
			.port(0)
			// Nothing listens on port 9 here: every upstream call fails and is logged.
			.upstream("http://127.0.0.1:9/{hub}/{category}/{event}?code=" + FUNCTION_KEY)
			.build()
			.start();
		try {
			secrets.add(emulator.accessKey(KeyType.PRIMARY));
			secrets.add(emulator.accessKey(KeyType.SECONDARY));
			RestCalls rest = new RestCalls(emulator);
			String good = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), "u");
			String bad = Tokens.client(KeyRing.generateKey(), emulator.clientAudience("chat"), "u");
			secrets.add(good);
			secrets.add(bad);
			try (RawHubClient client = RawHubClient.connect(emulator, "chat", good).handshake();
					RawHubClient browserLike = RawHubClient.open(
							"ws://localhost:" + emulator.port() + "/client/?hub=chat&access_token=" + good, null)) {
				browserLike.handshake();
				client.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"" + good + "\"]}"
						+ RawHubClient.RS);
				assertThat(client.nextMessage().get("error").asString()).startsWith("Invocation failed");
				RawHubClient.upgradeStatus("ws://localhost:" + emulator.port() + "/client/?hub=chat&access_token=" + bad,
						null);
				rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01",
						"{\"target\":\"t\",\"arguments\":[]}", bad);
				rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01", "{\"target\":\"t\",\"arguments\":[]}");
				rest.call("HEAD", "/api/hubs/chat/users/nobody?api-version=2022-06-01", null);
				rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01", "{}");
			}
			secrets.add(emulator.regenerateKey(KeyType.PRIMARY));
			RestCalls.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/admin/keys/secondary/regenerate"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build());
			secrets.add(emulator.accessKey(KeyType.SECONDARY));
			await().atMost(Duration.ofSeconds(10)).until(() -> emulator.connectionCount() == 0);
		}
		finally {
			emulator.close();
		}
		List<String> lines = this.appender.list.stream().map(NoSecretInLogTests::render).toList();
		assertThat(lines).as("the log of a session").isNotEmpty().anyMatch((line) -> line.contains("refused"));
		for (String line : lines) {
			for (String secret : secrets) {
				assertThat(line).doesNotContain(secret).doesNotContain(secret.split("\\.")[0]);
			}
			assertThat(line).doesNotContain(FUNCTION_KEY).doesNotContainPattern(ACCESS_KEY_SHAPE);
		}
	}

	@Test
	void noClientSecretEntraTokenOrTemporaryKeyInAnyLine() throws Exception {
		List<String> secrets = new ArrayList<>();
		String clientSecret = "log-tests-secret~" + UUID.randomUUID();
		String wrongSecret = "log-tests-wrong~" + UUID.randomUUID();
		secrets.add(clientSecret);
		secrets.add(wrongSecret);
		try (EntraEmulator entra = EntraEmulator.start(0).registerApplication("tenant", "client", clientSecret);
				SignalREmulator emulator = SignalREmulator.builder()
					.port(0)
					.entra(entra)
					.entraRoles("client", SignalRRole.SERVICE_OWNER)
					.temporaryKeyLifetime(Duration.ofSeconds(1))
					.build()
					.start()) {
			SslContext trusting = SslContextBuilder.forClient().trustManager(entra.certificate()).build();
			HttpClient httpClient = new NettyAsyncHttpClientBuilder(
					reactor.netty.http.client.HttpClient.create().secure((spec) -> spec.sslContext(trusting)))
				.build();
			TokenRequestContext signalr = new TokenRequestContext().addScopes("https://signalr.azure.com/.default");
			String entraToken = credential(entra, httpClient, clientSecret).getTokenSync(signalr).getToken();
			secrets.add(entraToken);
			assertThatThrownBy(() -> credential(entra, httpClient, wrongSecret).getToken(signalr).block())
				.hasMessageContaining("AADSTS7000215");
			JsonNode key = EntraClient.accessKey(emulator, entraToken);
			secrets.add(key.get("AccessKey").asString());
			String clientToken = Tokens.clientWithKeyId(key.get("AccessKey").asString(), key.get("KeyId").asString(),
					emulator.clientAudience("chat"), "u");
			secrets.add(clientToken);
			String forged = Tokens.clientWithKeyId(KeyRing.generateKey(), key.get("KeyId").asString(),
					emulator.clientAudience("chat"), "u");
			secrets.add(forged);
			try (RawHubClient client = RawHubClient.connect(emulator, "chat", clientToken).handshake()) {
				RestCalls rest = new RestCalls(emulator);
				assertThat(rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01",
						"{\"target\":\"t\",\"arguments\":[]}", entraToken).statusCode()).isEqualTo(202);
				assertThat(RawHubClient.upgradeStatus(
						"ws://localhost:" + emulator.port() + "/client/?hub=chat&access_token=" + forged, null))
					.isEqualTo(401);
			}
			assertThat(EntraClient.accessKeyResponse(emulator, clientToken).statusCode()).isEqualTo(401);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> RawHubClient.upgradeStatus(
						"ws://localhost:" + emulator.port() + "/client/?hub=chat&access_token=" + clientToken,
						null) == 401);
		}
		List<String> lines = this.appender.list.stream().map(NoSecretInLogTests::render).toList();
		assertThat(lines).as("the log of a session").anyMatch((line) -> line.contains("expired"))
			.anyMatch((line) -> line.contains("AADSTS7000215"));
		for (String line : lines) {
			for (String secret : secrets) {
				assertThat(line).doesNotContain(secret);
			}
			assertThat(line).doesNotContainPattern(ACCESS_KEY_SHAPE);
		}
	}

	private static ClientSecretCredential credential(EntraEmulator entra, HttpClient httpClient, String secret) {
		return new ClientSecretCredentialBuilder().authorityHost(entra.authorityHost().toString())
			.tenantId("tenant")
			.clientId("client")
			.clientSecret(secret)
			.disableInstanceDiscovery()
			.httpClient(httpClient)
			.build();
	}

	private static String render(ILoggingEvent event) {
		String line = event.getLoggerName() + " " + event.getFormattedMessage();
		return (event.getThrowableProxy() != null) ? line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())
				: line;
	}

}
