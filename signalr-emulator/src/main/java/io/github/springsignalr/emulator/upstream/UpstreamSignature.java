package io.github.springsignalr.emulator.upstream;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-ASRS-Signature} header: {@code sha256=<hex>} per access key, comma-separated without spaces, where
 * the hex is the HMAC-SHA256 of the connection id's UTF-8 bytes keyed with the access key's UTF-8 bytes. The hex is
 * upper-case, as Microsoft's emulator writes it ({@code BitConverter.ToString}); receivers compare without regard to
 * case.
 */
public final class UpstreamSignature {

	private static final HexFormat hex = HexFormat.of().withUpperCase();

	private UpstreamSignature() {
	}

	/**
	 * The header's value for {@code connectionId} signed with each of {@code keys}, in order.
	 */
	public static String header(String connectionId, List<String> keys) {
		return keys.stream().map((key) -> "sha256=" + hmac(key, connectionId)).collect(Collectors.joining(","));
	}

	private static String hmac(String key, String connectionId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return hex.formatHex(mac.doFinal(connectionId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
