package io.github.springsignalr.webflux;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The check can fail: a sleep on a non-blocking thread is found and recorded.
 */
@ExtendWith(BlockingCalls.class)
class BlockingCallsTests {

	@Test
	void aBlockingCallOnANonBlockingThreadIsFound() {
		assertThatException().isThrownBy(() -> Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)))
			.withStackTraceContaining("Blocking call!");
		assertThat(BlockingCalls.found()).singleElement().asString().contains("java.lang.Thread.sleep");
		BlockingCalls.clear();
	}

	@Test
	void aBlockingCallOnABlockingThreadIsNot() {
		Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}).subscribeOn(Schedulers.boundedElastic()).block(Duration.ofSeconds(10));
		assertThat(BlockingCalls.found()).isEmpty();
	}

}
