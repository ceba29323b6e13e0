package io.github.springsignalr.emulator.keyvault;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The vault's JSON shapes: {@code SecretBundle} (with the value), {@code SecretItem} (without), pages of items,
 * {@code DeletedSecretBundle}, errors, and the bodies of set and update requests. Dates are epoch seconds.
 */
final class SecretJson {

	/** The recovery level of a vault with soft delete and purge allowed, the portal's default. */
	private static final String RECOVERY_LEVEL = "Recoverable+Purgeable";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final String vaultUri;

	SecretJson(URI vaultUri) {
		this.vaultUri = vaultUri.toString();
	}

	/**
	 * The body of {@code PUT /secrets/{name}}: {@code value}, {@code contentType}, {@code attributes}, {@code tags}.
	 */
	SetSecretRequest readSetRequest(byte[] body) {
		JsonNode root = readObject(body);
		JsonNode value = root.get("value");
		if (value == null || !value.isString()) {
			throw VaultException.badParameter("Property 'value' is required and must be a string.");
		}
		return new SetSecretRequest(value.stringValue(), readAttributes(root));
	}

	/**
	 * The body of {@code PATCH /secrets/{name}/{version}}: {@code contentType}, {@code attributes}, {@code tags}.
	 */
	SecretAttributes readUpdateRequest(byte[] body) {
		return readAttributes(readObject(body));
	}

	byte[] bundle(SecretVersion secret) {
		ObjectNode node = this.mapper.createObjectNode();
		node.put("value", secret.value());
		writeProperties(node, secret, versionId(secret));
		return write(node);
	}

	/**
	 * A version's properties without its value, as an update answers.
	 */
	byte[] properties(SecretVersion secret) {
		ObjectNode node = this.mapper.createObjectNode();
		writeProperties(node, secret, versionId(secret));
		return write(node);
	}

	/**
	 * A page of items: versions carry their version in the id, secrets in the list of secrets do not.
	 */
	byte[] page(List<SecretVersion> secrets, boolean versioned, @Nullable String nextLink) {
		ObjectNode page = this.mapper.createObjectNode();
		ArrayNode items = page.putArray("value");
		for (SecretVersion secret : secrets) {
			writeProperties(items.addObject(), secret, versioned ? versionId(secret) : secretId(secret));
		}
		page.put("nextLink", nextLink);
		return write(page);
	}

	byte[] deletedBundle(DeletedSecret deleted) {
		ObjectNode node = this.mapper.createObjectNode();
		node.put("recoveryId", this.vaultUri + "deletedsecrets/" + deleted.secret().name());
		node.put("deletedDate", deleted.deletedOn().getEpochSecond());
		node.put("scheduledPurgeDate", deleted.scheduledPurgeOn().getEpochSecond());
		writeProperties(node, deleted.secret(), versionId(deleted.secret()));
		return write(node);
	}

	byte[] error(VaultException error) {
		ObjectNode root = this.mapper.createObjectNode();
		ObjectNode node = root.putObject("error");
		node.put("code", error.code());
		node.put("message", error.getMessage());
		if (error.innerCode() != null) {
			node.putObject("innererror").put("code", error.innerCode());
		}
		return write(root);
	}

	private void writeProperties(ObjectNode node, SecretVersion secret, String id) {
		if (secret.contentType() != null) {
			node.put("contentType", secret.contentType());
		}
		node.put("id", id);
		ObjectNode attributes = node.putObject("attributes");
		attributes.put("enabled", secret.enabled());
		if (secret.notBefore() != null) {
			attributes.put("nbf", secret.notBefore().getEpochSecond());
		}
		if (secret.expiresOn() != null) {
			attributes.put("exp", secret.expiresOn().getEpochSecond());
		}
		attributes.put("created", secret.created().getEpochSecond());
		attributes.put("updated", secret.updated().getEpochSecond());
		attributes.put("recoveryLevel", RECOVERY_LEVEL);
		attributes.put("recoverableDays", SecretStore.RECOVERABLE_DAYS);
		if (!secret.tags().isEmpty()) {
			ObjectNode tags = node.putObject("tags");
			secret.tags().forEach(tags::put);
		}
	}

	private String versionId(SecretVersion secret) {
		return secretId(secret) + "/" + secret.version();
	}

	private String secretId(SecretVersion secret) {
		return this.vaultUri + "secrets/" + secret.name();
	}

	private JsonNode readObject(byte[] body) {
		if (body.length == 0) {
			throw VaultException.badParameter("The request body is required.");
		}
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			// Jackson's message may quote the body, which holds the secret: say nothing of it.
			throw VaultException.badParameter("The request body is not valid JSON.");
		}
		if (root == null || !root.isObject()) {
			throw VaultException.badParameter("The request body must be a JSON object.");
		}
		return root;
	}

	private SecretAttributes readAttributes(JsonNode root) {
		JsonNode attributes = root.path("attributes");
		if (!attributes.isMissingNode() && !attributes.isNull() && !attributes.isObject()) {
			throw VaultException.badParameter("Property 'attributes' must be an object.");
		}
		return new SecretAttributes(readBoolean(attributes, "enabled"), readEpochSeconds(attributes, "nbf"),
				readEpochSeconds(attributes, "exp"), readString(root, "contentType"), readTags(root));
	}

	private static @Nullable Boolean readBoolean(JsonNode parent, String name) {
		return read(parent, name, JsonNode::isBoolean, "a boolean", JsonNode::booleanValue);
	}

	private static @Nullable Instant readEpochSeconds(JsonNode parent, String name) {
		return read(parent, name, (node) -> node.isIntegralNumber() && node.canConvertToLong(),
				"a date in seconds since the epoch", (node) -> Instant.ofEpochSecond(node.longValue()));
	}

	private static @Nullable String readString(JsonNode parent, String name) {
		return read(parent, name, JsonNode::isString, "a string", JsonNode::stringValue);
	}

	/**
	 * A property's value; {@code null} when it is missing or null.
	 * @throws VaultException a bad parameter when it is there but not {@code valid}
	 */
	private static <T> @Nullable T read(JsonNode parent, String name, Predicate<JsonNode> valid, String expected,
			Function<JsonNode, T> value) {
		JsonNode node = parent.path(name);
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (!valid.test(node)) {
			throw VaultException.badParameter("Property '" + name + "' must be " + expected + ".");
		}
		return value.apply(node);
	}

	private static @Nullable Map<String, String> readTags(JsonNode root) {
		JsonNode node = root.path("tags");
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			throw VaultException.badParameter("Property 'tags' must be an object of strings.");
		}
		Map<String, String> tags = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> tag : node.properties()) {
			if (!tag.getValue().isString()) {
				throw VaultException.badParameter("Tag '" + tag.getKey() + "' must be a string.");
			}
			tags.put(tag.getKey(), tag.getValue().stringValue());
		}
		return tags;
	}

	private byte[] write(JsonNode node) {
		return this.mapper.writeValueAsBytes(node);
	}

	/**
	 * What a set asks for; {@link #toString()} leaves the value out.
	 */
	record SetSecretRequest(String value, SecretAttributes attributes) {

		@Override
		public String toString() {
			return "SetSecretRequest[attributes=" + this.attributes + "]";
		}

	}

}
