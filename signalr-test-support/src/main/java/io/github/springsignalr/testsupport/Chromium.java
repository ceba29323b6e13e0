package io.github.springsignalr.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless, through its ChromeDriver, for the samples' {@link BrowserTest browser tests}. Both are
 * named explicitly, so that Selenium Manager never downloads a browser; {@code .ci/run} installs them.
 */
public final class Chromium {

	/** Debian's {@code chromium}. */
	public static final Path BINARY = Path.of("/usr/bin/chromium");

	/** Debian's {@code chromium-driver}. */
	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Chromium() {
	}

	/**
	 * Skips the test (a JUnit assumption) unless both Chromium and its driver are installed.
	 */
	public static void assumeInstalled() {
		assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
				"Debian's chromium and chromium-driver are needed (apt-get install chromium chromium-driver)");
	}

	/**
	 * A new headless browser with its own profile, its driver on a free port; the test quits it.
	 * @param profile an empty directory for the browser's profile
	 * @return the browser
	 */
	public static WebDriver headless(Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile, "--window-size=1200,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
