package io.github.springsignalr.samples.chatreactive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.springsignalr.testsupport.BrowserTest;
import io.github.springsignalr.testsupport.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
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

/**
 * Two people chat in Debian's Chromium, headless, through the page, the official browser client, the WebFlux
 * application and the embedded emulator (local mode). Chromium and its driver are named explicitly, so that Selenium
 * Manager never downloads a browser.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@BrowserTest
class ReactiveChatBrowserTests {

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
		Chromium.assumeInstalled();
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
		WebDriver browser = Chromium.headless(Files.createDirectories(this.profiles.resolve(name)));
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

}
