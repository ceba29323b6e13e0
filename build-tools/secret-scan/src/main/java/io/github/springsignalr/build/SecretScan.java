package io.github.springsignalr.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans everything the reactor's tests logged for access keys and tokens: every file under a module's
 * {@code target/surefire-reports} and {@code target/failsafe-reports} (with {@code redirectTestOutputToFile}, each
 * test class's output is one of them) and every {@code target/*.log}. A hit is any 43 base64 characters followed by
 * {@code =} (the pattern Microsoft Purview uses to find this credential), the same 32 bytes in base64url (43 or 44
 * characters of {@code A-Za-z0-9-_}, letters of both cases and digits among them, standing alone), or a JSON web token
 * ({@code eyJ…} header, payload and signature), unless a module declares it as deliberately printed in its
 * {@value #DECLARED_KEYS} (one key a line, {@code #} starts a comment).
 * <p>
 * Hits are reported as {@code file:line} and the key's first four characters, never the key itself.
 */
public final class SecretScan {

	/** Where a module declares the keys its tests print on purpose, relative to the module. */
	public static final String DECLARED_KEYS = "src/test/resources/deliberately-printed-keys.txt";

	/** An access key: 32 bytes in base64, 43 characters and '='. */
	static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");

	/** 32 bytes in base64url, padded or not, not part of a longer run of base64 characters. */
	static final Pattern BASE64URL_KEY = Pattern
		.compile("(?<![A-Za-z0-9+/_-])[A-Za-z0-9_-]{43}(?:=|(?![A-Za-z0-9+/=_-]))");

	/** A JSON web token: its header's JSON starts with '{"', in base64url "eyJ". */
	static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*");

	// A name in camel case with digits (a test method's, a class's): base64url in shape, but no key. 32 random bytes
	// read as one about 3 times in 100,000.
	private static final Pattern NAME = Pattern
		.compile("[_-]*+(?:[A-Za-z][a-z]++|[0-9]++)(?:[_-]*+(?:[A-Z][a-z]++|[a-z]++|[0-9]++))*+[_-]*+");

	// Every shape the scan looks for; the token first, since its parts may hold a key's shape.
	private static final Pattern SECRET = Pattern
		.compile(JWT.pattern() + "|" + ACCESS_KEY.pattern() + "|" + BASE64URL_KEY.pattern());

	// Dependencies and tools keep their own files, some with base64 digests; none is test output of ours.
	private static final Set<String> SKIPPED_DIRECTORIES = Set.of("node_modules", ".git", ".mvn", "node");

	private SecretScan() {
	}

	/**
	 * Scans the reactor whose root is {@code args[0]} (the current directory without one) and fails, listing every
	 * hit, when any undeclared key is found.
	 */
	public static void main(String[] args) {
		Path root = Path.of((args.length > 0) ? args[0] : ".").toAbsolutePath().normalize();
		Result result = scan(root);
		System.out.println("[secret-scan] Scanned " + result.scannedFiles() + " test report and log file(s) under "
				+ root + " for access keys; " + result.declaredKeys() + " key(s) declared as deliberately printed.");
		if (!result.hits().isEmpty()) {
			StringBuilder message = new StringBuilder("The test suite logged ").append(result.hits().size())
				.append(" access key(s) or token(s) (43 base64 characters and '=', base64url keys, JWTs). Fix the leak, or, ")
				.append("for a test key printed on ")
				.append("purpose, declare it in the module's ")
				.append(DECLARED_KEYS)
				.append(':');
			result.hits().forEach((hit) -> message.append("\n  ").append(hit));
			throw new IllegalStateException(message.toString());
		}
	}

	/**
	 * Scans the reactor under {@code root}.
	 */
	public static Result scan(Path root) {
		List<Path> reports = new ArrayList<>();
		Set<String> declared = new HashSet<>();
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					return SKIPPED_DIRECTORIES.contains(String.valueOf(dir.getFileName())) ? FileVisitResult.SKIP_SUBTREE
							: FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					Path relative = root.relativize(file);
					if (isTestOutput(relative)) {
						reports.add(file);
					}
					else if (relative.toString().replace('\\', '/').endsWith(DECLARED_KEYS)) {
						declared.addAll(declaredKeys(file));
					}
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Hit> hits = new ArrayList<>();
		reports.stream().sorted().forEach((report) -> hits.addAll(scanFile(root, report, declared)));
		return new Result(reports.size(), declared.size(), hits);
	}

	/**
	 * Whether a file, relative to the root, is something a test run logged.
	 */
	static boolean isTestOutput(Path relative) {
		List<String> names = new ArrayList<>();
		relative.forEach((name) -> names.add(name.toString()));
		for (int i = 0; i + 1 < names.size(); i++) {
			if (names.get(i).equals("target")) {
				String next = names.get(i + 1);
				if (next.equals("surefire-reports") || next.equals("failsafe-reports")) {
					return true;
				}
				if (i + 2 == names.size() && next.endsWith(".log")) {
					return true;
				}
			}
		}
		return false;
	}

	private static Set<String> declaredKeys(Path file) {
		Set<String> keys = new HashSet<>();
		for (String line : read(file)) {
			String key = line.strip();
			if (!key.isEmpty() && !key.startsWith("#")) {
				if (!isSecret(key)) {
					throw new IllegalStateException(file + " declares something that is not an access key (43 base64 "
							+ "characters and '=', or base64url) or a token, line of " + key.length() + " characters");
				}
				keys.add(key);
			}
		}
		return keys;
	}

	private static List<Hit> scanFile(Path root, Path file, Set<String> declared) {
		List<Hit> hits = new ArrayList<>();
		List<String> lines = read(file);
		for (int i = 0; i < lines.size(); i++) {
			Matcher matcher = SECRET.matcher(lines.get(i));
			while (matcher.find()) {
				if (isSecret(matcher.group()) && !declared.contains(matcher.group())) {
					hits.add(new Hit(root.relativize(file).toString(), i + 1, mask(matcher.group())));
				}
			}
		}
		return hits;
	}

	/**
	 * Whether a text, whole, has one of the shapes the scan looks for. A base64url run counts only with both letter
	 * cases and a digit, as 32 random bytes have but a long name ({@code signalr-spring-boot-autoconfigure-tests}) has
	 * not, and when it is not a name in camel case ({@code pollIntervalOutsideOneTo300SecondsIsRefused}).
	 */
	static boolean isSecret(String text) {
		if (JWT.matcher(text).matches() || ACCESS_KEY.matcher(text).matches()) {
			return true;
		}
		return BASE64URL_KEY.matcher(text).matches() && text.chars().anyMatch(Character::isUpperCase)
				&& text.chars().anyMatch(Character::isLowerCase) && text.chars().anyMatch(Character::isDigit)
				&& !NAME.matcher(text).matches();
	}

	private static List<String> read(Path file) {
		try {
			// Reports may hold anything a test printed: undecodable bytes become U+FFFD rather than failing the scan.
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE)
				.decode(ByteBuffer.wrap(Files.readAllBytes(file)))
				.toString();
			return text.lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A key or token as a report may show it: its first four characters, enough to tell two hits apart.
	 */
	static String mask(String key) {
		return key.substring(0, 4) + "…(" + key.length() + " characters)";
	}

	/**
	 * One undeclared key in a file.
	 *
	 * @param file the file, relative to the root
	 * @param line its line, from 1
	 * @param masked the key, masked
	 */
	public record Hit(String file, int line, String masked) {

		@Override
		public String toString() {
			return this.file + ":" + this.line + ": " + this.masked;
		}

	}

	/**
	 * What a scan found.
	 *
	 * @param scannedFiles how many report and log files were read
	 * @param declaredKeys how many distinct keys the modules declare as deliberately printed
	 * @param hits the undeclared keys
	 */
	public record Result(int scannedFiles, int declaredKeys, List<Hit> hits) {

	}

}
