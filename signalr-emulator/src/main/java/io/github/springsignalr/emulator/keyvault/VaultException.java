package io.github.springsignalr.emulator.keyvault;

import org.jspecify.annotations.Nullable;

/**
 * An error the vault answers with, shaped {@code {"error":{"code":…,"message":…,"innererror":{"code":…}}}}. Codes and
 * messages are the real vault's, so that clients' error handling meets what it will meet in Azure.
 */
final class VaultException extends RuntimeException {

	private static final String NOT_FOUND_HELP = " was not found in this key vault. If you recently deleted this secret"
			+ " you may be able to recover it using the correct recovery command. For help resolving this issue, please"
			+ " see https://go.microsoft.com/fwlink/?linkid=2125182";

	private final int status;

	private final String code;

	private final @Nullable String innerCode;

	private VaultException(int status, String code, String message, @Nullable String innerCode) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
		this.innerCode = innerCode;
	}

	static VaultException unauthorized() {
		return new VaultException(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.", null);
	}

	static VaultException secretNotFound(String name, @Nullable String version) {
		String id = (version == null || version.isEmpty()) ? name : name + "/" + version;
		return new VaultException(404, "SecretNotFound", "A secret with (name/id) " + id + NOT_FOUND_HELP, null);
	}

	static VaultException deletedSecretNotFound(String name) {
		return new VaultException(404, "SecretNotFound", "Deleted Secret not found", null);
	}

	static VaultException disabled(String operation) {
		return new VaultException(403, "Forbidden", "Operation " + operation + " is not allowed on a disabled secret.",
				"SecretDisabled");
	}

	static VaultException accessDenied(String permission, String vault) {
		return new VaultException(403, "Forbidden", "The user, group or application 'appid="
				+ KeyVaultEmulator.TENANT_ID + "' does not have secrets " + permission + " permission on key vault '" + vault
				+ ";location=local'. For help resolving this issue, please see"
				+ " https://go.microsoft.com/fwlink/?linkid=2125287", "AccessDenied");
	}

	static VaultException deletedButRecoverable(String name) {
		return new VaultException(409, "Conflict",
				"Secret " + name + " is currently in a deleted but recoverable state, and its name cannot be reused;"
						+ " in this state, the secret can only be recovered or purged.",
				"ObjectIsDeletedButRecoverable");
	}

	static VaultException badParameter(String message) {
		return new VaultException(400, "BadParameter", message, null);
	}

	static VaultException notFound(String path) {
		return new VaultException(404, "NotFound", "The requested path " + path + " is not served by this vault.",
				null);
	}

	static VaultException methodNotAllowed(String method) {
		return new VaultException(405, "MethodNotAllowed",
				"The requested resource does not support http method '" + method + "'.", null);
	}

	static VaultException internal() {
		return new VaultException(500, "InternalServerError", "The emulated vault failed; see its log.", null);
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	@Nullable String innerCode() {
		return this.innerCode;
	}

}
