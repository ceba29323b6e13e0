package io.github.springsignalr.samples.chat.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.KeyRotationStatus.EndpointKeyStatus;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin panel: the key each endpoint uses (its id, a fingerprint: never the key) and, in local mode, "rotate
 * keys". Without login, as the rest of this demo, but "rotate" answers only the panel's own page: a request must carry
 * the {@value #ADMIN_HEADER} header (which no cross-origin page can send without a preflight this application never
 * allows) and, when it has an {@code Origin}, this application's own. Anything else gets 403.
 */
@RestController
@RequestMapping("/api/admin")
class AdminController {

	/** The header the panel's page sends with "rotate". */
	static final String ADMIN_HEADER = "X-Chat-Admin";

	private final ObjectProvider<KeyRotationStatus> status;

	private final ObjectProvider<LocalKeyRotation> rotation;

	AdminController(ObjectProvider<KeyRotationStatus> status, ObjectProvider<LocalKeyRotation> rotation) {
		this.status = status;
		this.rotation = rotation;
	}

	@GetMapping("/keys")
	Map<String, Object> keys() {
		List<Map<String, Object>> endpoints = this.status.stream()
			.flatMap((status) -> status.all().stream())
			.sorted(Comparator.comparing((EndpointKeyStatus key) -> key.endpoint().toString()))
			.map(AdminController::describe)
			.toList();
		LocalKeyRotation local = this.rotation.getIfAvailable();
		return Map.of("rotatable", local != null && local.isAvailable(), "endpoints", endpoints);
	}

	@PostMapping("/rotate")
	ResponseEntity<Map<String, Object>> rotate(HttpServletRequest request) throws InterruptedException {
		if (!isSameOrigin(request)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "Not from the admin panel"));
		}
		LocalKeyRotation local = this.rotation.getIfAvailable();
		if (local == null || !local.isAvailable()) {
			return ResponseEntity.notFound().build();
		}
		local.rotate();
		return ResponseEntity.ok(keys());
	}

	private static boolean isSameOrigin(HttpServletRequest request) {
		if (request.getHeader(ADMIN_HEADER) == null) {
			return false;
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		String host = request.getHeader(HttpHeaders.HOST);
		return origin == null || (host != null && origin.equalsIgnoreCase(request.getScheme() + "://" + host));
	}

	private static Map<String, Object> describe(EndpointKeyStatus key) {
		return Map.of("endpoint", key.endpoint().toString(), "keyId", String.valueOf(key.keyId()), "since",
				key.since().toString(), "previousKeyId", String.valueOf(key.previousKeyId()));
	}

}
