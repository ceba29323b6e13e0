package io.github.springsignalr.autoconfigure.local;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRConnectionDetails;
import io.github.springsignalr.emulator.spring.LocalEmulators;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of local mode's {@link SignalRConnectionDetails}: when signalr-emulator's local mode has started
 * its emulators (the {@link LocalEmulators} bean), the application's endpoint is theirs.
 */
@AutoConfiguration(before = SignalRAutoConfiguration.class)
@ConditionalOnClass(LocalEmulators.class)
public final class SignalRLocalModeAutoConfiguration {

	@Bean
	@ConditionalOnBean(LocalEmulators.class)
	@ConditionalOnMissingBean(SignalRConnectionDetails.class)
	LocalSignalRConnectionDetails localSignalRConnectionDetails(LocalEmulators emulators) {
		return new LocalSignalRConnectionDetails(emulators);
	}

}
