package io.github.springsignalr.test;

import java.util.List;
import java.util.Map;

import io.github.springsignalr.autoconfigure.SignalRConnectionDetails;
import io.github.springsignalr.emulator.SignalREmulator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportAware;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The beans of {@link AutoConfigureSignalREmulator}: the started emulator and its connection details.
 */
@Configuration(proxyBeanMethods = false)
class SignalREmulatorTestConfiguration implements ImportAware {

	private String upstream = "";

	@Override
	public void setImportMetadata(AnnotationMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(AutoConfigureSignalREmulator.class.getName());
		if (attributes != null) {
			this.upstream = (String) attributes.get("upstream");
		}
	}

	@Bean(destroyMethod = "close")
	SignalREmulator signalREmulator() {
		SignalREmulator.Builder builder = SignalREmulator.builder().port(0);
		if (!this.upstream.isEmpty()) {
			builder.upstream(this.upstream);
		}
		return builder.build().start();
	}

	@Bean
	SignalRConnectionDetails signalREmulatorConnectionDetails(SignalREmulator signalREmulator) {
		return new EmulatorConnectionDetails(signalREmulator);
	}

	/**
	 * The emulator's primary connection string, read each time: a test that regenerates the key sees the application
	 * follow it on the reload interval.
	 */
	record EmulatorConnectionDetails(SignalREmulator emulator) implements SignalRConnectionDetails {

		@Override
		public List<Endpoint> getEndpoints() {
			return List.of(Endpoint.of(this.emulator.primaryConnectionString()));
		}

		@Override
		public String toString() {
			return "EmulatorConnectionDetails[" + this.emulator.endpoint() + "]";
		}

	}

}
