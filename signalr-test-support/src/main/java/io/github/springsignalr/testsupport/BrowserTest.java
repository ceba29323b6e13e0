package io.github.springsignalr.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A browser test: a sample's page in headless {@link Chromium}. Tagged {@value #TAG}, run by {@code mvn verify} and
 * left out of {@code mvn test}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(BrowserTest.TAG)
public @interface BrowserTest {

	/** The JUnit tag. */
	String TAG = "browser";

}
