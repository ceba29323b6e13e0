package io.github.springsignalr.emulator.entra;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The tenants and the applications registered in each. Tenant ids are compared without regard to case, as GUIDs
 * are; client ids too.
 */
final class AppRegistrations {

	private final Map<String, Map<String, AppRegistration>> tenants = new ConcurrentHashMap<>();

	/**
	 * Registers an application, or replaces its secret if it is registered already (keeping its object id).
	 */
	AppRegistration register(String tenantId, String clientId, String clientSecret) {
		Map<String, AppRegistration> applications = this.tenants.computeIfAbsent(key(tenantId),
				(tenant) -> new ConcurrentHashMap<>());
		return applications.compute(key(clientId), (id, existing) -> AppRegistration.of(tenantId, clientId,
				(existing != null) ? existing.objectId() : UUID.randomUUID().toString(), clientSecret));
	}

	boolean hasTenant(String tenantId) {
		return tenantId != null && this.tenants.containsKey(key(tenantId));
	}

	/**
	 * The application, or {@code null}.
	 */
	@Nullable AppRegistration find(String tenantId, String clientId) {
		if (tenantId == null || clientId == null) {
			return null;
		}
		Map<String, AppRegistration> applications = this.tenants.get(key(tenantId));
		return (applications != null) ? applications.get(key(clientId)) : null;
	}

	private static String key(String id) {
		return id.toLowerCase(Locale.ROOT);
	}

}
