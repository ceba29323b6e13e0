package io.github.springsignalr.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * An end-to-end test: an application on a real port, the emulator and official clients. Tagged {@value #TAG}, run by
 * {@code mvn verify} (surefire's {@code tagged-tests} execution, in the {@code integration-test} phase) and left out of
 * {@code mvn test}, the fast layer.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(EndToEndTest.TAG)
public @interface EndToEndTest {

	/** The JUnit tag. */
	String TAG = "e2e";

}
