package io.github.springsignalr.webflux;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BlockHound installed before the application starts, and a test failed when any blocking call was made on a
 * non-blocking thread (Reactor Netty's event loops, Reactor's parallel scheduler) while it ran. Every call found is
 * recorded before BlockHound's error is thrown, so that one swallowed by a framework is still reported.
 */
public class BlockingCalls implements BeforeAllCallback, AfterEachCallback {

	private static final List<String> found = new CopyOnWriteArrayList<>();

	static {
		// With the integrations on the class path (Reactor's and Netty's tell their non-blocking threads), and ours.
		// The emulator shares Reactor Netty's event loops with the application but stands in for the service, which
		// is not under test: its request handling (which reads /dev/urandom for connection ids) is let block.
		BlockHound.install((builder) -> builder
			.allowBlockingCallsInside("io.github.springsignalr.emulator.server.EmulatorRoutes", "apply")
			.blockingMethodCallback((method) -> {
				found.add(method + " on " + Thread.currentThread().getName());
				throw new BlockingOperationError(method);
			}));
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// Installed by the static initializer, once per JVM.
	}

	@Override
	public void afterEach(ExtensionContext context) {
		List<String> calls = List.copyOf(found);
		found.clear();
		assertThat(calls).as("blocking calls on non-blocking threads").isEmpty();
	}

	static List<String> found() {
		return List.copyOf(found);
	}

	static void clear() {
		found.clear();
	}

}
