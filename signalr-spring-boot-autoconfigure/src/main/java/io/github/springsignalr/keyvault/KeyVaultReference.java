package io.github.springsignalr.keyvault;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.springsignalr.connectionstring.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a Key Vault secret in App Service's syntax, used in place of a connection string:
 * <pre>
 * &#64;Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/signalr-east/[version])
 * &#64;Microsoft.KeyVault(VaultName=myvault;SecretName=signalr-east[;SecretVersion=version])
 * </pre>
 * Without a version the reference follows the secret (it is watched); with one it is pinned. Parsing is strict: an
 * unknown or repeated key, a missing part or a URI that is not a secret's is an error, since a typo here would
 * otherwise surface as an authentication failure much later.
 *
 * @param vaultUri the vault, {@code https://host[:port]/}
 * @param secretName the secret's name
 * @param version the pinned version, or {@code null} to follow the secret
 */
public record KeyVaultReference(URI vaultUri, String secretName, @Nullable String version) {

	/** What every reference starts with, in any case. */
	public static final String PREFIX = "@Microsoft.KeyVault(";

	/** A valid reference, for messages. */
	public static final String EXAMPLE = "@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/)";

	private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");

	private static final Pattern VERSION = Pattern.compile("[0-9a-zA-Z]{1,64}");

	private static final Pattern VAULT_NAME = Pattern.compile("[0-9a-zA-Z-]{3,24}");

	private static final Pattern QUOTABLE = Pattern.compile("[0-9a-zA-Z._+-]{1,24}");

	private static final Pattern SECRET_PATH = Pattern.compile("/secrets/([^/]+)(?:/([^/]*))?/?");

	public KeyVaultReference {
		Objects.requireNonNull(vaultUri, "vaultUri");
		Objects.requireNonNull(secretName, "secretName");
	}

	/**
	 * Whether {@code value} is meant as a Key Vault reference, well formed or not: it starts with
	 * {@code @Microsoft.KeyVault(}, in any case, after blanks.
	 */
	public static boolean isReference(String value) {
		return value != null && value.strip().regionMatches(true, 0, PREFIX, 0, PREFIX.length());
	}

	/**
	 * Parses a reference.
	 * @throws InvalidKeyVaultReferenceException naming the part that is wrong
	 */
	public static KeyVaultReference parse(String text) {
		try {
			return parseParts(text);
		}
		catch (InvalidKeyVaultReferenceException ex) {
			if (Secrets.hasSecretShape(text)) {
				// A key pasted into a reference falls apart at its '/' into parts short enough to be quoted.
				throw new InvalidKeyVaultReferenceException("the reference holds what looks like a key or token (a run"
						+ " of 32 or more base64 characters); a reference names a vault and a secret, not a value");
			}
			throw ex;
		}
	}

	private static KeyVaultReference parseParts(String text) {
		if (!isReference(text)) {
			throw new InvalidKeyVaultReferenceException("a Key Vault reference starts with " + PREFIX);
		}
		String stripped = text.strip();
		if (!stripped.endsWith(")")) {
			throw new InvalidKeyVaultReferenceException("a Key Vault reference ends with ')'");
		}
		Map<String, String> parts = parts(stripped.substring(PREFIX.length(), stripped.length() - 1));
		if (parts.containsKey("secreturi")) {
			if (parts.size() > 1) {
				throw new InvalidKeyVaultReferenceException(
						"SecretUri cannot be combined with VaultName, SecretName or SecretVersion");
			}
			return fromSecretUri(parts.get("secreturi"));
		}
		String vaultName = required(parts, "vaultname", "VaultName");
		String secretName = required(parts, "secretname", "SecretName");
		if (!VAULT_NAME.matcher(vaultName).matches()) {
			throw new InvalidKeyVaultReferenceException(
					"VaultName " + describe(vaultName) + " is not a vault name (3 to 24 letters, digits and dashes)");
		}
		return new KeyVaultReference(URI.create("https://" + vaultName.toLowerCase(Locale.ROOT) + ".vault.azure.net/"),
				checkName(secretName), checkVersion(parts.get("secretversion")));
	}

	private static Map<String, String> parts(String body) {
		Map<String, String> parts = new LinkedHashMap<>();
		for (String segment : body.split(";")) {
			if (segment.isBlank()) {
				continue;
			}
			int equals = segment.indexOf('=');
			if (equals < 0) {
				throw new InvalidKeyVaultReferenceException(describe(segment.strip()) + " is not a Key=Value pair");
			}
			String key = segment.substring(0, equals).strip();
			String value = segment.substring(equals + 1).strip();
			String normalized = key.toLowerCase(Locale.ROOT);
			if (!normalized.equals("secreturi") && !normalized.equals("vaultname") && !normalized.equals("secretname")
					&& !normalized.equals("secretversion")) {
				throw new InvalidKeyVaultReferenceException("unknown key " + describe(key)
						+ ": use SecretUri, or VaultName, SecretName and optionally SecretVersion");
			}
			if (value.isEmpty()) {
				throw new InvalidKeyVaultReferenceException(key + " is empty");
			}
			if (parts.putIfAbsent(normalized, value) != null) {
				throw new InvalidKeyVaultReferenceException(key + " is given twice");
			}
		}
		if (parts.isEmpty()) {
			throw new InvalidKeyVaultReferenceException("the reference is empty");
		}
		return parts;
	}

	private static KeyVaultReference fromSecretUri(String text) {
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw new InvalidKeyVaultReferenceException("SecretUri is not a URI: " + ex.getReason());
		}
		if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			throw new InvalidKeyVaultReferenceException("SecretUri must be an absolute https URI");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
			throw new InvalidKeyVaultReferenceException("SecretUri has no query, fragment or user information");
		}
		Matcher path = SECRET_PATH.matcher((uri.getRawPath() != null) ? uri.getRawPath() : "");
		if (!path.matches()) {
			throw new InvalidKeyVaultReferenceException(
					"SecretUri's path must be /secrets/<name>/ or /secrets/<name>/<version>");
		}
		String version = (path.group(2) != null && !path.group(2).isEmpty()) ? path.group(2) : null;
		String authority = uri.getHost().toLowerCase(Locale.ROOT) + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
		return new KeyVaultReference(URI.create("https://" + authority + "/"), checkName(path.group(1)),
				checkVersion(version));
	}

	private static String required(Map<String, String> parts, String key, String name) {
		String value = parts.get(key);
		if (value == null) {
			throw new InvalidKeyVaultReferenceException(
					"missing " + name + ": use SecretUri=…, or VaultName=…;SecretName=…[;SecretVersion=…]");
		}
		return value;
	}

	private static String checkName(String name) {
		if (!NAME.matcher(name).matches()) {
			throw new InvalidKeyVaultReferenceException(
					describe(name) + " is not a secret name (1 to 127 letters, digits and dashes)");
		}
		return name;
	}

	private static @Nullable String checkVersion(@Nullable String version) {
		if (version != null && !VERSION.matcher(version).matches()) {
			throw new InvalidKeyVaultReferenceException(describe(version) + " is not a secret version");
		}
		return version;
	}

	/**
	 * A part as a message may show it: quoted when short and plain, else only its length. A reference holds no secret,
	 * but a connection string pasted into one does, and a 44-character access key or 40-character client secret never
	 * fits.
	 */
	private static String describe(String value) {
		return QUOTABLE.matcher(value).matches() ? "'" + value + "'" : "a part of " + value.length() + " characters";
	}

	/**
	 * Whether the reference follows the secret's versions rather than being pinned to one.
	 */
	public boolean isVersionless() {
		return this.version == null;
	}

	/**
	 * The secret's identifier, {@code https://vault/secrets/name[/version]}: what messages name.
	 */
	public String secretId() {
		return this.vaultUri + "secrets/" + this.secretName + ((this.version != null) ? "/" + this.version : "");
	}

	/**
	 * The reference in its {@code SecretUri} form. Holds no secret.
	 */
	@Override
	public String toString() {
		return PREFIX + "SecretUri=" + secretId() + ")";
	}

}
