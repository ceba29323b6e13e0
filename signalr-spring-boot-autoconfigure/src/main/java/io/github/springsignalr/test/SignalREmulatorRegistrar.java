package io.github.springsignalr.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.SignalRRole;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import io.github.springsignalr.endpoint.EndpointType;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the beans of {@link AutoConfigureSignalREmulator}: the Microsoft Entra ID emulator and its application
 * when asked, one started emulator per endpoint (qualified by the endpoint's name), the Key Vault emulator holding
 * their connection strings when asked, the trust the application's clients need, and the connection details that
 * list the endpoints. Emulators start with the context's singletons and stop with it, in the reverse order.
 */
class SignalREmulatorRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	static final String CONNECTION_DETAILS_BEAN = "signalREmulatorConnectionDetails";

	static final String ENTRA_BEAN = "signalREntraEmulator";

	static final String VAULT_BEAN = "signalRKeyVaultEmulator";

	private Environment environment;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(AutoConfigureSignalREmulator.class.getName());
		if (attributes == null) {
			return;
		}
		String[] declared = (String[]) attributes.get("endpoints");
		boolean keyVault = (Boolean) attributes.get("keyVault");
		boolean entra = (Boolean) attributes.get("entra");
		KeyType key = (KeyType) attributes.get("key");
		String upstream = upstream((String) attributes.get("upstream"));
		List<EmulatedEndpoint> endpoints = new ArrayList<>();
		for (String endpoint : (declared.length == 0) ? new String[] { "" } : declared) {
			endpoints.add(EmulatedEndpoint.parse(endpoint));
		}
		EmulatedEntraApplication application = entra ? EmulatedEntraApplication.random() : null;
		if (entra) {
			registerEntra(registry, application);
		}
		for (EmulatedEndpoint endpoint : endpoints) {
			RootBeanDefinition definition = new RootBeanDefinition(SignalREmulator.class,
					() -> startEmulator(endpoint, upstream, application));
			definition.setDestroyMethodName("close");
			if (entra) {
				definition.setDependsOn(ENTRA_BEAN);
			}
			if (!endpoint.name().isEmpty()) {
				definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, endpoint.name()));
			}
			registry.registerBeanDefinition(endpoint.beanName(), definition);
		}
		if (keyVault) {
			registerKeyVault(registry, endpoints, key, application);
		}
		RootBeanDefinition details = new RootBeanDefinition(EmulatorConnectionDetails.class,
				() -> new EmulatorConnectionDetails(endpoints, key, application, keyVault, this.beanFactory));
		// Created after the emulators and destroyed before them, with everything that uses the endpoints.
		details.setDependsOn(endpoints.stream().map(EmulatedEndpoint::beanName).toArray(String[]::new));
		registry.registerBeanDefinition(CONNECTION_DETAILS_BEAN, details);
		addDefaultProperties(keyVault, entra);
	}

	private void registerEntra(BeanDefinitionRegistry registry, EmulatedEntraApplication application) {
		RootBeanDefinition entra = new RootBeanDefinition(EntraEmulator.class, () -> EntraEmulator.start(0)
			.registerApplication(application.tenantId(), application.clientId(), application.clientSecret()));
		entra.setDestroyMethodName("close");
		registry.registerBeanDefinition(ENTRA_BEAN, entra);
		registry.registerBeanDefinition("signalREntraApplication",
				new RootBeanDefinition(EmulatedEntraApplication.class, () -> application));
		RootBeanDefinition trust = new RootBeanDefinition(EntraEmulatorTrust.class,
				() -> new EntraEmulatorTrust(this.beanFactory.getBean(ENTRA_BEAN, EntraEmulator.class)));
		registry.registerBeanDefinition("signalREntraEmulatorTrust", trust);
	}

	private void registerKeyVault(BeanDefinitionRegistry registry, List<EmulatedEndpoint> endpoints, KeyType key,
			EmulatedEntraApplication application) {
		RootBeanDefinition vault = new RootBeanDefinition(KeyVaultEmulator.class, () -> {
			KeyVaultEmulator started = KeyVaultEmulator.start(0);
			for (EmulatedEndpoint endpoint : endpoints) {
				started.secrets().set(endpoint.secretName(), connectionString(endpoint, key, application));
			}
			return started;
		});
		vault.setDestroyMethodName("close");
		vault.setDependsOn(endpoints.stream().map(EmulatedEndpoint::beanName).toArray(String[]::new));
		registry.registerBeanDefinition(VAULT_BEAN, vault);
		RootBeanDefinition trust = new RootBeanDefinition(KeyVaultEmulatorTrust.class,
				() -> new KeyVaultEmulatorTrust(this.beanFactory.getBean(VAULT_BEAN, KeyVaultEmulator.class)));
		registry.registerBeanDefinition("signalRKeyVaultEmulatorTrust", trust);
	}

	private SignalREmulator startEmulator(EmulatedEndpoint endpoint, String upstream,
			EmulatedEntraApplication application) {
		SignalREmulator.Builder builder = SignalREmulator.builder().port(0).upstream(upstream);
		if (application != null) {
			builder.entra(this.beanFactory.getBean(ENTRA_BEAN, EntraEmulator.class))
				.entraRoles(application.clientId(), SignalRRole.SERVICE_OWNER);
		}
		((ListableBeanFactory) this.beanFactory).getBeanProvider(SignalREmulatorCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(endpoint.name(), builder));
		return builder.build().start();
	}

	/**
	 * The connection string the vault holds for an endpoint.
	 */
	private String connectionString(EmulatedEndpoint endpoint, KeyType key, EmulatedEntraApplication application) {
		SignalREmulator emulator = this.beanFactory.getBean(endpoint.beanName(), SignalREmulator.class);
		return (application != null)
				? emulator.entraConnectionString(application.tenantId(), application.clientId(),
						application.clientSecret())
				: emulator.connectionString(key);
	}

	/**
	 * The upstream template the emulators get: an absolute one as it is, a path behind this application's address.
	 */
	private String upstream(String declared) {
		if (!declared.startsWith("/")) {
			return declared.isEmpty() ? null : declared;
		}
		int port = this.environment.getProperty("server.port", Integer.class, 8080);
		if (port == 0) {
			// The emulator is built before the server binds: the port it will bind is chosen now.
			port = freePort();
			((ConfigurableEnvironment) this.environment).getPropertySources()
				.addFirst(new MapPropertySource("signalREmulatorServerPort", Map.of("server.port", port)));
		}
		return "http://localhost:" + port + this.environment.getProperty("server.servlet.context-path", "") + declared;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the application's upstream URL", ex);
		}
	}

	/**
	 * Settings the application needs to reach the emulators, as defaults that the test's own properties override.
	 */
	private void addDefaultProperties(boolean keyVault, boolean entra) {
		Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
		if (keyVault) {
			properties.put("azure.signalr.key-vault.allowed-hosts", () -> "localhost");
		}
		if (entra) {
			properties.put("azure.signalr.entra.allowed-hosts", () -> "localhost");
			properties.put("spring.cloud.azure.profile.environment.active-directory-endpoint",
					() -> this.beanFactory.getBean(ENTRA_BEAN, EntraEmulator.class).authorityHost().toString());
		}
		if (!properties.isEmpty()) {
			((ConfigurableEnvironment) this.environment).getPropertySources()
				.addLast(new EmulatorPropertySource(properties));
		}
	}

	/**
	 * An endpoint as the annotation declares it: {@code ""}, {@code "east"} or {@code "west:secondary"}.
	 */
	record EmulatedEndpoint(String name, EndpointType type) {

		static EmulatedEndpoint parse(String declared) {
			int colon = declared.indexOf(':');
			if (colon < 0) {
				return new EmulatedEndpoint(declared, EndpointType.PRIMARY);
			}
			return new EmulatedEndpoint(declared.substring(0, colon), EndpointType.fromText(declared.substring(colon + 1)));
		}

		String beanName() {
			return this.name.isEmpty() ? "signalREmulator" : this.name + "SignalREmulator";
		}

		String secretName() {
			return this.name.isEmpty() ? AutoConfigureSignalREmulator.SECRET_NAME : this.name;
		}

	}

}
