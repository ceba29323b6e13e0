package io.github.springsignalr.samples.chat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.github.springsignalr.testsupport.BrowserTest;
import io.github.springsignalr.testsupport.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people chat in Debian's Chromium, headless, through the page, the official browser client and the embedded
 * emulator; then one rotates the keys and the chat goes on. Messages go to the application ({@code POST
 * /api/messages}) here, and through the service's upstream in {@link ChatThroughUpstreamBrowserTests}. Chromium and its driver are
 * named explicitly, so that Selenium Manager never downloads a browser.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@BrowserTest
class ChatBrowserTests {

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
	void twoPeopleChatAndKeepChattingAcrossAKeyRotation() throws IOException {
		this.alice = join("alice");
		this.bob = join("bob");
		waitForText(this.alice, "users", "bob");

		send(this.alice, "everyone", null, "hello from alice");
		waitForText(this.bob, "messages", "alice: hello from alice");
		send(this.bob, "user", "alice", "psst, alice");
		waitForText(this.alice, "messages", "bob: psst, alice (to user alice)");
		this.alice.findElement(By.id("room")).sendKeys("lobby");
		this.alice.findElement(By.id("enter-room")).click();
		waitForText(this.alice, "messages", "you entered room lobby");
		send(this.bob, "room", "lobby", "anyone in the lobby?");
		waitForText(this.alice, "messages", "bob: anyone in the lobby? (to room lobby)");

		String keyBefore = keyInUse(this.alice);
		this.alice.findElement(By.id("rotate")).click();
		new WebDriverWait(this.alice, TIMEOUT)
			.until((browser) -> !keyInUse(browser).equals(keyBefore) && !keyInUse(browser).equals("…"));
		waitForText(this.alice, "rotate-status", "rotated");
		String keyAfter = keyInUse(this.alice);

		send(this.bob, "everyone", null, "still here after the rotation");
		waitForText(this.alice, "messages", "bob: still here after the rotation");
		screenshot(this.alice, "chat-after-rotation.png");

		assertThat(keyAfter).matches("[0-9a-f]{16}").isNotEqualTo(keyBefore);
		assertThat(text(this.alice, "key-since")).contains("replacing " + keyBefore);
		assertThat(text(this.alice, "messages")).contains("alice: hello from alice")
			.contains("bob joined")
			.contains("bob: psst, alice")
			.contains("bob: still here after the rotation");
		assertThat(text(this.bob, "messages")).as("a private message reaches only its sender and addressee")
			.contains("bob: psst, alice")
			.as("a room's message reaches only its members")
			.doesNotContain("anyone in the lobby?");
		assertThat(text(this.alice, "status")).isEqualTo("connected");
		assertSentAsExpected(this.context, text(this.alice, "mode"));
	}

	/**
	 * Checks how the messages went: here to the application, no upstream hub method involved.
	 */
	void assertSentAsExpected(ApplicationContext context, String mode) {
		assertThat(mode).contains("POST /api/messages");
		assertThat(context.getBeanProvider(ChatHub.class).getIfAvailable()).isNull();
	}

	private WebDriver join(String name) throws IOException {
		WebDriver browser = Chromium.headless(Files.createDirectory(this.profiles.resolve(name)));
		browser.get("http://localhost:" + this.port + "/");
		browser.findElement(By.id("name")).sendKeys(name);
		browser.findElement(By.id("join")).click();
		new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.textToBe(By.id("status"), "connected"));
		new WebDriverWait(browser, TIMEOUT).until((page) -> !text(page, "mode").isEmpty());
		return browser;
	}

	private static void send(WebDriver browser, String audience, String target, String text) {
		new Select(browser.findElement(By.id("audience"))).selectByValue(audience);
		if (target != null) {
			browser.findElement(By.id("target")).sendKeys(target);
		}
		browser.findElement(By.id("text")).sendKeys(text);
		browser.findElement(By.id("send")).click();
	}

	private static String keyInUse(WebDriver browser) {
		return text(browser, "key-id");
	}

	private static String text(WebDriver browser, String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private static void waitForText(WebDriver browser, String id, String text) {
		new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
	}

	private static void screenshot(WebDriver browser, String name) throws IOException {
		Path directory = Files.createDirectories(Path.of("target", "screenshots"));
		File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

}
