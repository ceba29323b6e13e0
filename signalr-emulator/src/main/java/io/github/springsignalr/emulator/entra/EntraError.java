package io.github.springsignalr.emulator.entra;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An error of the token endpoint, as Microsoft identity platform answers one: the OAuth 2.0 {@code error}, and an
 * {@code error_description} starting with the {@code AADSTS} code that MSAL and azure-identity show. The description
 * names the client and the tenant, never the secret.
 *
 * @param status the HTTP status: 401 for {@code invalid_client}, 400 otherwise
 * @param error the OAuth 2.0 error
 * @param code the AADSTS number
 * @param description what went wrong
 */
record EntraError(int status, String error, int code, String description) {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

	static EntraError missingParameter(String name) {
		return new EntraError(400, "invalid_request", 900144,
				"The request body must contain the following parameter: '" + name + "'.");
	}

	static EntraError unsupportedGrantType(String grantType) {
		return new EntraError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
				+ grantType + "'. This emulator supports client_credentials only.");
	}

	static EntraError tenantNotFound(String tenantId) {
		return new EntraError(400, "invalid_request", 90002, "Tenant '" + tenantId
				+ "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
	}

	static EntraError applicationNotFound(String clientId, String tenantId) {
		return new EntraError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
				+ "' was not found in the directory '" + tenantId
				+ "'. This can happen if the application has not been installed by the administrator of the tenant.");
	}

	static EntraError missingSecret() {
		return new EntraError(401, "invalid_client", 7000218,
				"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
	}

	static EntraError invalidSecret(String clientId) {
		return new EntraError(401, "invalid_client", 7000215,
				"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, "
						+ "not the client secret ID, for a secret added to app '" + clientId + "'.");
	}

	static EntraError invalidScope(String scope) {
		return new EntraError(400, "invalid_scope", 1002012, "The provided value for scope " + scope
				+ " is not valid. Client credential flows must have a scope value with /.default suffixed to the "
				+ "resource identifier (application ID URI).");
	}

	/**
	 * The JSON body, with a fresh trace id, correlation id and timestamp.
	 * @param authority where the emulator is served, for {@code error_uri}
	 */
	Map<String, Object> body(String authority) {
		String traceId = UUID.randomUUID().toString();
		String correlationId = UUID.randomUUID().toString();
		String timestamp = TIMESTAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", this.error);
		body.put("error_description", message() + " Trace ID: " + traceId + " Correlation ID: " + correlationId
				+ " Timestamp: " + timestamp);
		body.put("error_codes", List.of(this.code));
		body.put("timestamp", timestamp);
		body.put("trace_id", traceId);
		body.put("correlation_id", correlationId);
		body.put("error_uri", authority + "/error?code=" + this.code);
		return body;
	}

	/**
	 * {@code AADSTS{code}: {description}}.
	 */
	String message() {
		return "AADSTS" + this.code + ": " + this.description;
	}

}
