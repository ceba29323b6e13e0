package io.github.springsignalr.token;

/**
 * The service's rule for hub names ({@code ^[A-Za-z][A-Za-z0-9_`,.\[\]]{0,127}$}, as its REST API and emulator
 * validate them), checked by hand because it runs for every token.
 */
final class HubName {

	private static final int MAX_LENGTH = 128;

	private HubName() {
	}

	/**
	 * @return {@code hub}
	 * @throws IllegalArgumentException when the service would refuse it
	 */
	static String check(String hub) {
		if (hub == null) {
			throw new IllegalArgumentException("A hub name is required");
		}
		boolean valid = !hub.isEmpty() && hub.length() <= MAX_LENGTH && isLetter(hub.charAt(0));
		for (int i = 1; valid && i < hub.length(); i++) {
			char c = hub.charAt(i);
			valid = isLetter(c) || (c >= '0' && c <= '9') || "_`,.[]".indexOf(c) >= 0;
		}
		if (!valid) {
			throw new IllegalArgumentException("Invalid hub name '" + hub + "': it must be 1 to 128 characters long, "
					+ "start with a letter and hold only letters, digits and _`,.[]");
		}
		return hub;
	}

	private static boolean isLetter(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	}

}
