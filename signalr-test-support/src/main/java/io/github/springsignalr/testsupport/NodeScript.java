package io.github.springsignalr.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The official JavaScript client's scripts in Node ({@code src/main/js} of this module, whose {@code npm ci} installs
 * the client exactly as locked there), started from a test and read line by line.
 */
public final class NodeScript {

	/**
	 * The scripts' directory, with the {@code node_modules} that {@code npm ci} installed: the system property
	 * {@code signalr.test-support.js-directory}, or this module's {@code src/main/js} seen from a sibling module's
	 * directory, where surefire runs its tests.
	 */
	public static final Path DIRECTORY = Path
		.of(System.getProperty("signalr.test-support.js-directory", "../signalr-test-support/src/main/js"));

	private static final long LINE_TIMEOUT_SECONDS = 20;

	private NodeScript() {
	}

	/**
	 * Starts {@code node <script> <arguments>} in {@link #DIRECTORY}, its error output merged into its output.
	 * @param script the script's file name
	 * @param arguments its arguments
	 * @return the process, for the test to wait for or stop
	 * @throws IOException if Node cannot be started
	 */
	public static Process start(String script, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add("node");
		command.add(script);
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true).start();
	}

	/**
	 * The process's output lines as they come, read by a daemon thread; a failed read ends them with a
	 * {@code READ FAILED} line.
	 * @param node a started script
	 * @return the lines
	 */
	public static BlockingQueue<String> lines(Process node) {
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
				output.lines().forEach(lines::add);
			}
			catch (IOException ex) {
				lines.add("READ FAILED " + ex.getMessage());
			}
		}, "node-output");
		reader.setDaemon(true);
		reader.start();
		return lines;
	}

	/**
	 * The next line, waited for up to 20 seconds.
	 * @param lines the lines of {@link #lines(Process)}
	 * @return the line
	 * @throws AssertionError if none came in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static String next(BlockingQueue<String> lines) throws InterruptedException {
		String line = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (line == null) {
			throw new AssertionError("a line from node within " + LINE_TIMEOUT_SECONDS + " seconds");
		}
		return line;
	}

}
