package io.github.springsignalr.samples.chatreactive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.springsignalr.testsupport.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two people chat in Debian's Chromium, headless, through the page, the official browser client, the WebFlux
 * application and the embedded emulator (local mode). Chromium and its driver are named explicitly, so that Selenium
 * Manager never downloads a browser.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@BrowserTest
class ReactiveChatBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@TempDir
	private Path profiles;

	private WebDriver alice;

	private WebDriver bob;

	@BeforeAll
	static void requireChromium() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Debian's chromium and chromium-driver are needed (apt-get install chromium chromium-driver)");
	}

	@AfterEach
	void quit() {
		for (WebDriver browser : new WebDriver[] { this.alice, this.bob }) {
			if (browser != null) {
				browser.quit();
			}
		}
	}

	@Test
	void twoPeopleChatThroughTheReactiveApplication() throws Exception {
		assertThat(this.context).isInstanceOf(ReactiveWebServerApplicationContext.class);
		assertThat(ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", null)).isFalse();
		this.alice = join("alice");
		this.bob = join("bob");
		waitForText(this.alice, "bob joined");

		send(this.alice, null, "hello from alice");
		waitForText(this.bob, "alice: hello from alice");
		send(this.bob, "alice", "psst, alice");
		waitForText(this.alice, "bob: psst, alice (to user alice)");
		waitForText(this.bob, "bob: psst, alice (to user alice)");

		this.bob.quit();
		this.bob = join("carol");
		send(this.alice, null, "hello carol");
		waitForText(this.bob, "alice: hello carol");
		assertThat(this.bob.findElement(By.id("messages")).getText()).as("carol came after the private message")
			.doesNotContain("psst");
	}

	private WebDriver join(String name) throws Exception {
		WebDriver browser = chromium(Files.createDirectories(this.profiles.resolve(name)));
		browser.get("http://localhost:" + this.port + "/");
		browser.findElement(By.id("name")).sendKeys(name);
		browser.findElement(By.id("join")).click();
		new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.textToBe(By.id("status"), "connected"));
		return browser;
	}

	private static void send(WebDriver browser, String toUser, String text) {
		if (toUser != null) {
			browser.findElement(By.id("to-user")).sendKeys(toUser);
		}
		browser.findElement(By.id("text")).sendKeys(text);
		browser.findElement(By.id("send")).click();
	}

	private static void waitForText(WebDriver browser, String text) {
		new WebDriverWait(browser, TIMEOUT)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), text));
	}

	private static WebDriver chromium(Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
				"--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--window-size=1200,900");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
