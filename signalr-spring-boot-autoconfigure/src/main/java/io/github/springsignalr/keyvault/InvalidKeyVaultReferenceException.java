package io.github.springsignalr.keyvault;

/**
 * A Key Vault reference that is not well formed. The message says which part is wrong; a reference holds no secret.
 */
public class InvalidKeyVaultReferenceException extends IllegalArgumentException {

	public InvalidKeyVaultReferenceException(String message) {
		super(message);
	}

}
