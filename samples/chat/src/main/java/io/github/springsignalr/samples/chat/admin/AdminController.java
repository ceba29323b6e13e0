package io.github.springsignalr.samples.chat.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.KeyRotationStatus.EndpointKeyStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin panel: the key each endpoint uses (its id, a fingerprint: never the key) and, in local mode, "rotate
 * keys". Unprotected, as the rest of this demo.
 */
@RestController
@RequestMapping("/api/admin")
class AdminController {

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
	ResponseEntity<Map<String, Object>> rotate() throws InterruptedException {
		LocalKeyRotation local = this.rotation.getIfAvailable();
		if (local == null || !local.isAvailable()) {
			return ResponseEntity.notFound().build();
		}
		local.rotate();
		return ResponseEntity.ok(keys());
	}

	private static Map<String, Object> describe(EndpointKeyStatus key) {
		return Map.of("endpoint", key.endpoint().toString(), "keyId", String.valueOf(key.keyId()), "since",
				key.since().toString(), "previousKeyId", String.valueOf(key.previousKeyId()));
	}

}
