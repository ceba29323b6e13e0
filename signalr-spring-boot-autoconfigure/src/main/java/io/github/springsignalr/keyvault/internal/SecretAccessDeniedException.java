package io.github.springsignalr.keyvault.internal;

/**
 * Key Vault answered 403 Forbidden: the application's identity lacks a permission on the secret. The starter needs
 * two, {@code List} (to see the versions and their dates) and {@code Get} (to read a value), where App Service's Key
 * Vault references need only {@code Get}; the message names the one that was missing.
 */
class SecretAccessDeniedException extends RuntimeException {

	private final String permission;

	/**
	 * @param permission the secret permission that was denied: {@code List} or {@code Get}
	 * @param secretId the secret's identifier
	 * @param cause the client's exception, which names the status and the vault's error, never a value
	 */
	public SecretAccessDeniedException(String permission, String secretId, Throwable cause) {
		super("the " + permission + " permission on secret " + secretId + " is denied (403): the starter needs the"
				+ " List and Get secret permissions (access policy) or the Key Vault Secrets User role (RBAC)", cause);
		this.permission = permission;
	}

	/**
	 * The secret permission that was denied: {@code List} or {@code Get}.
	 */
	public String getPermission() {
		return this.permission;
	}

}
