package io.github.springsignalr.service.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * The maps and byte arrays messages hold: copied into unmodifiable maps that keep the wire order, looked up ignoring
 * case as the SDK's readers do ({@code StringComparer.OrdinalIgnoreCase}), compared by content and described without
 * their values.
 */
final class ProtocolValues {

	private ProtocolValues() {
	}

	static Map<String, byte[]> payloads(Map<String, byte[]> payloads, String name) {
		Objects.requireNonNull(payloads, name);
		Map<String, byte[]> copy = new LinkedHashMap<>();
		payloads.forEach((protocol, payload) -> {
			Objects.requireNonNull(protocol, () -> name + " key");
			Objects.requireNonNull(payload, () -> name + "[" + protocol + "]");
			requireUnique(copy, protocol, name);
			copy.put(protocol, payload);
		});
		return Collections.unmodifiableMap(copy);
	}

	static Map<String, List<String>> headers(Map<String, List<String>> headers) {
		Objects.requireNonNull(headers, "headers");
		Map<String, List<String>> copy = new LinkedHashMap<>();
		headers.forEach((header, values) -> {
			Objects.requireNonNull(header, "header name");
			requireUnique(copy, header, "headers");
			copy.put(header, List.copyOf(values));
		});
		return Collections.unmodifiableMap(copy);
	}

	private static void requireUnique(Map<String, ?> map, String key, String name) {
		if (lookup(map, key) != null) {
			throw new IllegalArgumentException(name + " has two entries for '" + key + "' (names ignore case)");
		}
	}

	static <V> @Nullable V lookup(Map<String, V> map, String key) {
		V exact = map.get(key);
		if (exact != null) {
			return exact;
		}
		for (Map.Entry<String, V> entry : map.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(key)) {
				return entry.getValue();
			}
		}
		return null;
	}

	static boolean payloadsEqual(Map<String, byte[]> a, Map<String, byte[]> b) {
		if (a.size() != b.size()) {
			return false;
		}
		List<Map.Entry<String, byte[]>> left = new ArrayList<>(a.entrySet());
		List<Map.Entry<String, byte[]>> right = new ArrayList<>(b.entrySet());
		for (int i = 0; i < left.size(); i++) {
			if (!left.get(i).getKey().equals(right.get(i).getKey())
					|| !Arrays.equals(left.get(i).getValue(), right.get(i).getValue())) {
				return false;
			}
		}
		return true;
	}

	static int payloadsHash(Map<String, byte[]> payloads) {
		int hash = 1;
		for (Map.Entry<String, byte[]> entry : payloads.entrySet()) {
			hash = 31 * hash + entry.getKey().toLowerCase(Locale.ROOT).hashCode();
			hash = 31 * hash + Arrays.hashCode(entry.getValue());
		}
		return hash;
	}

	static String describe(Map<String, byte[]> payloads) {
		StringJoiner joiner = new StringJoiner(", ", "{", "}");
		payloads.forEach((protocol, payload) -> joiner.add(protocol + "=" + describe(payload)));
		return joiner.toString();
	}

	static String describe(byte @Nullable [] payload) {
		return (payload != null) ? payload.length + " bytes" : "null";
	}

	static String names(Map<String, ?> map) {
		return map.keySet().toString();
	}

}
