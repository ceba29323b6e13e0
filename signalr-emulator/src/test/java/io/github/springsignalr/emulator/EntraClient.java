package io.github.springsignalr.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.emulator.entra.EntraEmulator;

/**
 * An application signing in to an {@link EntraEmulator} with its client secret over HTTPS, as MSAL does, and asking a
 * {@link SignalREmulator} for temporary access keys with the token, as the .NET SDK does.
 */
public final class EntraClient {

	private static final JsonMapper json = JsonMapper.shared();

	private final EntraEmulator entra;

	private final HttpClient https;

	private final String tenantId;

	private final String clientId;

	private final String clientSecret;

	public EntraClient(EntraEmulator entra, String tenantId, String clientId, String clientSecret) {
		this.entra = entra;
		this.https = HttpClient.newBuilder().sslContext(entra.sslContext()).build();
		this.tenantId = tenantId;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	/**
	 * A token for the SignalR service.
	 */
	public String signalRToken() {
		return token("https://signalr.azure.com/.default");
	}

	/**
	 * A token for {@code scope}.
	 * @throws IllegalStateException if the token endpoint refuses
	 */
	public String token(String scope) {
		HttpResponse<String> response = tokenResponse(scope, this.clientSecret);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("The token endpoint answered " + response.statusCode());
		}
		return json.readTree(response.body()).get("access_token").asString();
	}

	/**
	 * The token endpoint's answer to a client-credentials grant with {@code clientSecret}.
	 */
	public HttpResponse<String> tokenResponse(String scope, String clientSecret) {
		String form = "grant_type=client_credentials&client_id=" + encode(this.clientId) + "&client_secret="
				+ encode(clientSecret) + "&scope=" + encode(scope);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.entra.authorityHost() + this.tenantId + "/oauth2/v2.0/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		try {
			return this.https.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code GET /api/v1/auth/accessKey} with {@code entraToken} as bearer (none when {@code null}).
	 */
	public static HttpResponse<String> accessKeyResponse(SignalREmulator emulator, String entraToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/api/v1/auth/accessKey"))
			.GET();
		if (entraToken != null) {
			request.header("Authorization", "Bearer " + entraToken);
		}
		return RestCalls.send(request.build());
	}

	/**
	 * A temporary access key: {@code KeyId} and {@code AccessKey}.
	 * @throws IllegalStateException if the emulator refuses
	 */
	public static JsonNode accessKey(SignalREmulator emulator, String entraToken) {
		HttpResponse<String> response = accessKeyResponse(emulator, entraToken);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("/api/v1/auth/accessKey answered " + response.statusCode());
		}
		return json.readTree(response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
