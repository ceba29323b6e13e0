package io.github.springsignalr.upstream;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.springsignalr.endpoint.AccessKey;

/**
 * Checks the {@code X-ASRS-Signature} header of an upstream request: the service sends {@code sha256=<hex>} per
 * access key it holds, comma-separated, where the hex is the HMAC-SHA256 of the connection id's UTF-8 bytes keyed
 * with the access key's UTF-8 bytes. The request is genuine when any of those matches any live key.
 * <p>
 * Each signature is decoded to its 32 bytes and compared with {@link MessageDigest#isEqual}, which takes the same time
 * wherever the bytes differ, and every pair is compared, so the time taken tells nothing about how close a forgery
 * came. Hex is read in either case (Microsoft's emulator writes upper case, others lower). A header with more than
 * {@value #MAX_SIGNATURES} signatures is refused unread, so a request cannot make the application compute many HMACs.
 * <p>
 * The signature covers the connection id only: not the hub, the event nor the body. What that leaves open, and how
 * the starter closes it, is explained on {@link UpstreamConnections}.
 */
public class UpstreamSignatureValidator {

	/** At most this many signatures are read: the service sends one per key, so two. */
	public static final int MAX_SIGNATURES = 8;

	private static final String PREFIX = "sha256=";

	private static final int SIGNATURE_BYTES = 32;

	private static final int MAX_HEADER_LENGTH = MAX_SIGNATURES * (PREFIX.length() + 2 * SIGNATURE_BYTES + 1);

	private final Supplier<List<AccessKey>> keys;

	/**
	 * @param keys the live keys, read at each request (for example {@link LiveAccessKeys#keys()})
	 */
	public UpstreamSignatureValidator(Supplier<List<AccessKey>> keys) {
		this.keys = keys;
	}

	/**
	 * Whether {@code signatureHeader} holds a signature of {@code connectionId} by a live key.
	 * @param connectionId the {@code X-ASRS-Connection-Id} header, or {@code null}
	 * @param signatureHeader the {@code X-ASRS-Signature} header, or {@code null}
	 */
	public boolean isValid(String connectionId, String signatureHeader) {
		if (connectionId == null || connectionId.isEmpty() || signatureHeader == null
				|| signatureHeader.length() > MAX_HEADER_LENGTH) {
			return false;
		}
		List<byte[]> signatures = decode(signatureHeader);
		if (signatures.isEmpty()) {
			return false;
		}
		byte[] data = connectionId.getBytes(StandardCharsets.UTF_8);
		boolean valid = false;
		for (AccessKey key : this.keys.get()) {
			byte[] expected = hmac(key, data);
			for (byte[] signature : signatures) {
				valid |= MessageDigest.isEqual(expected, signature);
			}
		}
		return valid;
	}

	/**
	 * The well-formed signatures of the header: {@code sha256=} and 64 hex digits each. Others (another algorithm, a
	 * truncated or non-hex value) cannot match and are left out.
	 */
	private static List<byte[]> decode(String header) {
		String[] parts = header.split(",", MAX_SIGNATURES + 1);
		List<byte[]> signatures = new ArrayList<>(parts.length);
		if (parts.length > MAX_SIGNATURES) {
			return signatures;
		}
		for (String part : parts) {
			String value = part.trim();
			if (value.length() != PREFIX.length() + 2 * SIGNATURE_BYTES
					|| !value.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
				continue;
			}
			try {
				signatures.add(HexFormat.of().parseHex(value, PREFIX.length(), value.length()));
			}
			catch (IllegalArgumentException ex) {
				// Not hex: cannot match any key.
			}
		}
		return signatures;
	}

	private static byte[] hmac(AccessKey key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
		}
	}

}
