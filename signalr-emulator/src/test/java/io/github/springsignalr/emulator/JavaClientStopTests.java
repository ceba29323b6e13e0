package io.github.springsignalr.emulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Java client connecting and stopping again, many times at once on a busy machine: every stop ends
 * with the WebSocket's close handshake, never with a write on a socket the emulator already closed.
 */
class JavaClientStopTests {

	private static final int CONNECTIONS = 300;

	private static final int THREADS = 8;

	private static SignalREmulator emulator;

	@BeforeAll
	static void start() {
		emulator = SignalREmulator.builder().port(0).build().start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void connectAndStopUnderLoadNeverFails() throws Exception {
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), "alice");
		Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
		AtomicBoolean busy = new AtomicBoolean(true);
		Thread burner = new Thread(() -> {
			long sink = 0;
			while (busy.get()) {
				sink += System.nanoTime() % 7;
			}
			if (sink == 42) {
				System.out.print("");
			}
		}, "cpu-burner");
		burner.setDaemon(true);
		burner.start();
		ExecutorService workers = Executors.newFixedThreadPool(THREADS);
		// The client logs each WebSocket that ends with an I/O error rather than the close handshake, also when its
		// stop() completes all the same (the emulator's close frame was read before the write failed).
		ListAppender<ILoggingEvent> socketErrors = new ListAppender<>();
		Logger webSocketLogger = (Logger) LoggerFactory.getLogger("com.microsoft.signalr.OkHttpWebSocketWrapper");
		webSocketLogger.addAppender(socketErrors);
		socketErrors.start();
		try {
			List<Future<?>> runs = IntStream.range(0, CONNECTIONS)
				.<Future<?>>mapToObj((n) -> workers.submit(() -> connectAndStop(token, failures)))
				.toList();
			for (Future<?> run : runs) {
				run.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			busy.set(false);
			workers.shutdownNow();
			webSocketLogger.detachAppender(socketErrors);
		}
		List<String> errors = socketErrors.list.stream()
			.filter((event) -> event.getThrowableProxy() != null)
			.map((event) -> event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage())
			.toList();
		System.out.println("Java client connect and stop, " + CONNECTIONS + " times: failed " + failures
				+ ", WebSocket errors " + errors);
		assertThat(failures).as("failed starts and stops").isEmpty();
		// "Socket closed" is OkHttp closing its own socket: its reader, given the emulator's close while its writer
		// has taken the client's close from the queue but not written it yet, closes the socket under the writer
		// (after telling the listener of the close, so stop() is not affected). A broken pipe or a reset is the
		// emulator closing the TCP connection before the client's close arrived.
		assertThat(errors).as("WebSocket errors caused by the emulator")
			.allMatch((error) -> error.equals("java.net.SocketException: Socket closed"));
	}

	private static void connectAndStop(String token, Map<String, AtomicInteger> failures) {
		HubConnection client = HubConnectionBuilder.create(emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.just(token))
			.build();
		try {
			try {
				if (!client.start().blockingAwait(15, TimeUnit.SECONDS)) {
					count(failures, "start: timed out");
				}
			}
			catch (RuntimeException ex) {
				count(failures, "start: " + ex);
			}
			finally {
				if (!client.stop().blockingAwait(10, TimeUnit.SECONDS)) {
					count(failures, "stop: timed out");
				}
			}
		}
		catch (RuntimeException ex) {
			count(failures, "stop: " + ex);
		}
	}

	private static void count(Map<String, AtomicInteger> failures, String failure) {
		failures.computeIfAbsent(failure, (key) -> new AtomicInteger()).incrementAndGet();
	}

}
