package io.github.springsignalr.emulator.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Local mode: when {@code signalr.emulator.local.enabled} says so, starts the SignalR Service emulator (and, with
 * {@code signalr.emulator.local.key-vault=true}, the Key Vault emulator) before the context refreshes. The emulators
 * are the {@link LocalEmulators} bean and stop with the context; the starter's local-mode connection details point it
 * at them, and the settings it needs besides (the vault's host, the refresh interval, the port) are properties that
 * take precedence over the application's.
 * <p>
 * An initializer rather than an auto-configuration because the emulators must run, and their settings be in the
 * environment, before the starter binds its properties, and the port is known only once the emulator is bound.
 * <p>
 * With Key Vault the connection string is a reference to the emulated vault, so that rotating keys works as in Azure.
 * The application then has to trust the vault's self-signed certificate and present a token: a
 * {@code AzureServiceClientBuilderCustomizer<SecretClientBuilder>} using {@link LocalEmulators#vault()} (its
 * {@code sslContext()}), which this module cannot provide without depending on the Azure SDK. The vault's host is
 * added to {@code azure.signalr.key-vault.allowed-hosts}, so that the starter accepts the loopback vault and skips
 * challenge-resource verification for it on its own client only.
 * <p>
 * With {@code signalr.emulator.local.upstream=true} the emulator posts upstream events (connections and clients'
 * invocations) to this application: {@code http://localhost:{server.port}{server.servlet.context-path}
 * {azure.signalr.upstream.path}}, the starter's upstream URL. The port must be known before the server starts, so
 * a {@code server.port} of 0 (a free port, as tests ask for) is replaced by a free port chosen here.
 * <p>
 * Settings: {@code signalr.emulator.local.port} and {@code signalr.emulator.local.vault-port} (0, the default, for
 * free ports).
 */
public class LocalEmulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The name of the property source holding the starter's local configuration. */
	public static final String PROPERTY_SOURCE_NAME = "signalrLocalEmulator";

	/** The starter's default upstream path, for an application that does not set its own. */
	static final String DEFAULT_UPSTREAM_PATH = "/signalr/upstream/{hub}/{category}/{event}";

	private static final String ALLOWED_HOSTS = "azure.signalr.key-vault.allowed-hosts";

	private static final Logger logger = LoggerFactory.getLogger(LocalEmulatorInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (!LocalMode.isActive(environment) || beanFactory.containsSingleton(LocalEmulators.BEAN_NAME)) {
			return;
		}
		boolean keyVault = environment.getProperty("signalr.emulator.local.key-vault", Boolean.class, false);
		boolean upstream = environment.getProperty("signalr.emulator.local.upstream", Boolean.class, false);
		Integer serverPort = upstream ? serverPort(environment) : null;
		LocalEmulators emulators = LocalEmulators.start(
				environment.getProperty("signalr.emulator.local.port", Integer.class, 0),
				keyVault ? environment.getProperty("signalr.emulator.local.vault-port", Integer.class, 0) : null,
				upstream ? upstreamTemplate(environment, serverPort) : null);
		beanFactory.registerSingleton(LocalEmulators.BEAN_NAME, emulators);
		// Also called when the refresh fails, so that a failed start leaves no server running.
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(LocalEmulators.BEAN_NAME, emulators::close);
		}
		Map<String, Object> properties = properties(environment, emulators);
		if (serverPort != null) {
			properties.put("server.port", serverPort);
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		logger.info("Local mode: SignalR Service emulator on {}{}{}", emulators.service().endpoint(),
				keyVault ? ", connection string in Key Vault secret " + emulators.secretUri() : "",
				upstream ? ", upstream events to port " + serverPort : "");
	}

	/**
	 * The application's port: {@code server.port}, or a free port chosen now when it is 0 (the upstream URL needs it
	 * before the server binds).
	 */
	private static int serverPort(ConfigurableEnvironment environment) {
		int port = environment.getProperty("server.port", Integer.class, 8080);
		if (port != 0) {
			return port;
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the application's upstream URL", ex);
		}
	}

	private static String upstreamTemplate(ConfigurableEnvironment environment, @Nullable int serverPort) {
		String contextPath = environment.getProperty("server.servlet.context-path", "");
		String path = environment.getProperty("azure.signalr.upstream.path", DEFAULT_UPSTREAM_PATH);
		return "http://localhost:" + serverPort + (contextPath.endsWith("/") ? contextPath.substring(0,
				contextPath.length() - 1) : contextPath) + path;
	}

	private static Map<String, Object> properties(ConfigurableEnvironment environment, LocalEmulators emulators) {
		// The endpoint itself is no property: the starter's local-mode connection details take it from the
		// LocalEmulators bean, so that no key is written into the environment.
		Map<String, Object> properties = new LinkedHashMap<>();
		if (!emulators.hasVault()) {
			return properties;
		}
		// The starter accepts this loopback vault, and skips challenge-resource verification (the challenge names
		// vault.azure.net, which localhost is not part of) on its own client only: Spring Cloud Azure's switch for
		// it would apply to every Key Vault client of the application.
		properties.put(ALLOWED_HOSTS, allowedHosts(environment, emulators.vault().vaultUri().getHost()));
		if (!environment.containsProperty("azure.signalr.key-vault.refresh-interval")) {
			// A rotation shows within seconds rather than the minute the starter waits by default.
			properties.put("azure.signalr.key-vault.refresh-interval", "2s");
		}
		return properties;
	}

	/**
	 * The application's allowed vault hosts and the local vault's, since this property source hides the
	 * application's list.
	 */
	private static String allowedHosts(ConfigurableEnvironment environment, String vaultHost) {
		List<String> hosts = new ArrayList<>(Binder.get(environment)
			.bind(ALLOWED_HOSTS, Bindable.listOf(String.class))
			.orElse(List.of()));
		if (!hosts.contains(vaultHost)) {
			hosts.add(vaultHost);
		}
		return String.join(",", hosts);
	}

}
