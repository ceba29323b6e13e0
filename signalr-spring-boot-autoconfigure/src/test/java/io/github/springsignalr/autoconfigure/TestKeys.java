package io.github.springsignalr.autoconfigure;

/**
 * Access keys for tests only, shaped as real ones (43 base64 characters and '='). Never used against a real service.
 */
final class TestKeys {

	/** A test-only key: deliberately realistic so that tests can prove it is never printed. */
	static final String KEY = "dGVzdC1vbmx5LWtleS1ub3QtYS1yZWFsLXNlY3JldDA=";

	private TestKeys() {
	}

	/**
	 * Whether {@code text} holds the key or any 8 consecutive characters of it.
	 */
	static boolean leaks(String text) {
		if (text == null) {
			return false;
		}
		for (int i = 0; i + 8 <= KEY.length(); i++) {
			if (text.contains(KEY.substring(i, i + 8))) {
				return true;
			}
		}
		return false;
	}

}
