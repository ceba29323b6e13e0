package io.github.springsignalr.autoconfigure.actuate;

import io.github.springsignalr.actuate.internal.SignalRSanitizingFunction;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link SignalRSanitizingFunction} that keeps connection strings out of
 * {@code /actuator/env} and {@code /actuator/configprops}. Not conditional on the starter's endpoints: a connection
 * string that fails to configure one must not show either. An application's own sanitizing functions add to it.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class SignalRSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "signalrSanitizingFunction")
	SignalRSanitizingFunction signalrSanitizingFunction() {
		return new SignalRSanitizingFunction();
	}

}
