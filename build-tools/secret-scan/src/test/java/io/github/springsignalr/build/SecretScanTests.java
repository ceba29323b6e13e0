package io.github.springsignalr.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import io.github.springsignalr.build.SecretScan.Hit;
import io.github.springsignalr.build.SecretScan.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The scan over a reactor laid out in a temporary directory. Keys are made at run time, and assertions compare
 * masked hits or booleans, so that this module's own reports never hold a key (the scan reads them too).
 */
class SecretScanTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	@TempDir
	Path root;

	@Test
	void findsAKeyInATestClassOutputAndReportsItMasked() throws IOException {
		String key = key();
		write("module/target/surefire-reports/com.example.SomeTests-output.txt",
				"10:00 INFO starting\n10:01 WARN connecting with Endpoint=https://a;AccessKey=" + key + ";\n");
		Result result = SecretScan.scan(this.root);
		assertThat(result.scannedFiles()).isEqualTo(1);
		assertThat(result.hits()).containsExactly(new Hit(
				Path.of("module/target/surefire-reports/com.example.SomeTests-output.txt").toString(), 2,
				key.substring(0, 4) + "…(44 characters)"));
		assertThat(result.hits().toString().contains(key.substring(4, 12))).as("a hit shows the key").isFalse();
	}

	@Test
	void findsKeysInXmlReportsFailsafeReportsAndLogsOfNestedModules() throws IOException {
		write("samples/chat/target/surefire-reports/TEST-x.xml", "<system-out>" + key() + "</system-out>");
		write("a/target/failsafe-reports/x.txt", key() + " and " + key());
		write("a/target/app.log", "key " + key());
		Result result = SecretScan.scan(this.root);
		assertThat(result.scannedFiles()).isEqualTo(3);
		assertThat(result.hits()).extracting(Hit::file)
			.containsExactly(Path.of("a/target/app.log").toString(), Path.of("a/target/failsafe-reports/x.txt").toString(),
					Path.of("a/target/failsafe-reports/x.txt").toString(),
					Path.of("samples/chat/target/surefire-reports/TEST-x.xml").toString());
	}

	@Test
	void aKeyDeclaredByAnyModuleIsNotAHit() throws IOException {
		String declared = key();
		String undeclared = key();
		write("emulator/" + SecretScan.DECLARED_KEYS, "# printed by the banner test on purpose\n\n" + declared + "\n");
		write("other/target/surefire-reports/x-output.txt", declared + "\n" + undeclared + "\n");
		Result result = SecretScan.scan(this.root);
		assertThat(result.declaredKeys()).isEqualTo(1);
		assertThat(result.hits()).extracting(Hit::line).containsExactly(2);
		assertThat(result.hits().get(0).masked()).startsWith(undeclared.substring(0, 4));
	}

	@Test
	void ignoresWhatIsNotTestOutput() throws IOException {
		write("module/src/main/resources/application.properties", "key=" + key());
		write("module/target/classes/application.properties", "key=" + key());
		write("module/target/logs/nested.log", key());
		write("samples/chat/node_modules/x/target/surefire-reports/r.txt", key());
		write("samples/chat/package-lock.json", "\"integrity\": \"sha256-" + key() + "\"");
		Result result = SecretScan.scan(this.root);
		assertThat(result.scannedFiles()).isZero();
		assertThat(result.hits()).isEmpty();
	}

	@Test
	void findsBase64UrlKeysPaddedOrNot() throws IOException {
		String padded = urlKey(true);
		String unpadded = urlKey(false);
		write("m/target/surefire-reports/r-output.txt", "key " + padded + "\n\"" + unpadded + "\"\n");
		assertThat(SecretScan.scan(this.root).hits()).extracting(Hit::line).containsExactly(1, 2);
	}

	@Test
	void findsJsonWebTokens() throws IOException {
		String token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString("{\"aud\":\"https://h/client/\"}".getBytes())
				+ "." + urlKey(false);
		write("m/target/surefire-reports/r-output.txt", "Bearer " + token + "\n");
		Result result = SecretScan.scan(this.root);
		assertThat(result.hits()).hasSize(1);
		assertThat(result.hits().get(0).masked()).startsWith("eyJh");
	}

	@Test
	void longNamesAndDigestsAreNotKeys() throws IOException {
		write("m/target/surefire-reports/r-output.txt", "signalr-spring-boot-autoconfigure-integration-t\n"
				+ "3f2a9c0d4e5b6a7f8091a2b3c4d5e6f708192a3b4c5\nConnectionStringResolutionExceptionOfSomeSort\n"
				+ "<testcase name=\"pollIntervalOutsideOneTo300SecondsIsRefused(long)[1]\"/>\n");
		assertThat(SecretScan.scan(this.root).hits()).isEmpty();
	}

	@Test
	void shorterOrLongerBase64IsNotAKey() throws IOException {
		String key = key();
		write("m/target/surefire-reports/r.txt", key.substring(1) + "\n" + key.substring(0, 43) + "A\n");
		assertThat(SecretScan.scan(this.root).hits()).isEmpty();
	}

	@Test
	void mainFailsTheBuildListingMaskedHits() throws IOException {
		String key = key();
		write("m/target/surefire-reports/r-output.txt", "x\n" + key);
		Throwable failure = catchThrowable(() -> SecretScan.main(new String[] { this.root.toString() }));
		assertThat(failure).isInstanceOf(IllegalStateException.class);
		assertThat(failure.getMessage()).contains("1 access key(s)")
			.contains(Path.of("m/target/surefire-reports/r-output.txt") + ":2: " + key.substring(0, 4) + "…")
			.contains(SecretScan.DECLARED_KEYS);
		assertThat(failure.getMessage().contains(key.substring(4, 12))).as("the failure shows the key").isFalse();
	}

	@Test
	void mainPassesWhenNothingLeaks() throws IOException {
		write("m/target/surefire-reports/r-output.txt", "no key here, only its id 3f2a9c");
		SecretScan.main(new String[] { this.root.toString() });
		assertThat(SecretScan.scan(this.root).scannedFiles()).isEqualTo(1);
	}

	@Test
	void aDeclarationThatIsNotAKeyIsRefused() throws IOException {
		write("m/" + SecretScan.DECLARED_KEYS, "not-a-key\n");
		assertThat(catchThrowable(() -> SecretScan.scan(this.root))).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("not an access key");
	}

	private void write(String path, String content) throws IOException {
		Path file = this.root.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private static String urlKey(boolean padded) {
		String key;
		do {
			byte[] bytes = new byte[32];
			RANDOM.nextBytes(bytes);
			key = Base64.getUrlEncoder().encodeToString(bytes);
		}
		// Base64url for sure, and with a digit, as all but one 32-byte key in a thousand have.
		while ((key.indexOf('-') < 0 && key.indexOf('_') < 0) || key.chars().noneMatch(Character::isDigit));
		return padded ? key : key.substring(0, 43);
	}

	private static String key() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
