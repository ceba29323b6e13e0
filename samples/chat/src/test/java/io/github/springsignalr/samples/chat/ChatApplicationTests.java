package io.github.springsignalr.samples.chat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Map;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.spring.LocalEmulators;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The sample as it starts with no configuration: local mode, the connection string a Key Vault reference to the
 * embedded vault, the page served and negotiate answering with the embedded emulator.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest
class ChatApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private LocalEmulators emulators;

	@Autowired
	private ServiceEndpointRegistry registry;

	@Autowired
	private Environment environment;

	@Test
	void startsInLocalModeWithTheConnectionStringInTheEmbeddedVault() {
		assertThat(this.emulators.hasVault()).isTrue();
		assertThat(this.emulators.vault().secrets().get(LocalEmulators.SECRET_NAME)).isPresent();
		assertThat(this.registry.endpoints()).singleElement()
			.extracting(ServiceEndpoint::endpoint)
			.isEqualTo(this.emulators.service().endpoint());
	}

	@Test
	void servesThePageAndTheBrowserClient() throws Exception {
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<title>SignalR chat").contains("js/signalr.min.js").contains("id=\"rotate\"");
		HttpResponse<String> client = get("/js/signalr.min.js");
		assertThat(client.statusCode()).isEqualTo(200);
		assertThat(client.body()).contains("HubConnectionBuilder");
	}

	@Test
	@SuppressWarnings("unchecked")
	void negotiateRedirectsToTheEmulatorWithATokenForTheUser(CapturedOutput output) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(url("/chat/negotiate?user=alice&negotiateVersion=1"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> answer = JsonMapper.shared().readValue(response.body(), Map.class);
		assertThat(answer).containsEntry("url", this.emulators.service().clientUrl("chat"));
		String token = (String) answer.get("accessToken");
		assertThat(token).isNotBlank();
		assertThat(output.getAll()).doesNotContain(token)
			.doesNotContain(this.emulators.service().accessKey(KeyType.PRIMARY))
			.doesNotContain(this.emulators.service().accessKey(KeyType.SECONDARY));
	}

	@Test
	void adminPanelShowsTheKeyInUseAndOffersRotation() throws Exception {
		HttpResponse<String> keys = get("/api/admin/keys");
		assertThat(keys.statusCode()).isEqualTo(200);
		assertThat(keys.body()).contains("\"rotatable\":true").containsPattern("\"keyId\":\"[0-9a-f]{16}\"");
	}

	@Test
	void rotateRefusesARequestThatIsNotFromThePanel() throws Exception {
		String version = this.registry.endpoints().get(0).accessKey().id();
		assertThat(post("/api/admin/rotate", Map.of()).statusCode()).isEqualTo(403);
		assertThat(post("/api/admin/rotate", Map.of("X-Chat-Admin", "1", "Origin", "https://attacker.example"))
			.statusCode()).isEqualTo(403);
		assertThat(post("/api/admin/rotate", Map.of("Origin", "http://localhost:" + this.port)).statusCode())
			.isEqualTo(403);
		assertThat(this.registry.endpoints().get(0).accessKey().id()).as("the key in use").isEqualTo(version);
	}

	@Test
	void listensOnLoopbackOnly() throws Exception {
		assertThat(this.environment.getProperty("server.address")).isEqualTo("127.0.0.1");
		InetAddress external = nonLoopbackAddress();
		if (external != null) {
			try (Socket socket = new Socket()) {
				assertThatIOException()
					.isThrownBy(() -> socket.connect(new InetSocketAddress(external, this.port), 2000));
			}
		}
	}

	private static InetAddress nonLoopbackAddress() throws Exception {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			for (InetAddress address : Collections.list(network.getInetAddresses())) {
				if (!address.isLoopbackAddress() && address instanceof Inet4Address) {
					return address;
				}
			}
		}
		return null;
	}

	private HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
