package io.github.springsignalr.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A load test: end to end, with workers sending, negotiating or connecting for seconds while something changes (a
 * key rotation, faults). Tagged {@value #TAG}, run by {@code mvn verify} and left out of {@code mvn test}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(LoadTest.TAG)
public @interface LoadTest {

	/** The JUnit tag. */
	String TAG = "load";

}
