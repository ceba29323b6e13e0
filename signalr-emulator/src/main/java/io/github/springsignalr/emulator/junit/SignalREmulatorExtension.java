package io.github.springsignalr.emulator.junit;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;

/**
 * Starts a {@link SignalREmulator} (and a {@link KeyVaultEmulator} or an {@link EntraEmulator} it trusts, when
 * asked) on free ports before a test class,
 * stops them after it, and resolves parameters of those types and {@link SignalRConnectionString} strings. Nested
 * classes share their enclosing class's emulator.
 * <p>
 * Brought in by {@link SignalREmulatorTest}, or registered in a static field, which lets code outside the test
 * methods reach the emulator:
 * <pre class="code">
 * &#64;RegisterExtension
 * static SignalREmulatorExtension signalr = SignalREmulatorExtension.builder().keyVault(true).build();
 *
 * &#64;DynamicPropertySource
 * static void signalr(DynamicPropertyRegistry registry) {
 *     registry.add("azure.signalr.connection-string", signalr.emulator()::primaryConnectionString);
 * }
 * </pre>
 */
public final class SignalREmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(SignalREmulatorExtension.class);

	private static final String RESOURCES = "resources";

	/** Settings given in code, or {@code null} to read {@link SignalREmulatorTest} from the test class. */
	private final Settings settings;

	/**
	 * Where the running emulators are kept: one place for the annotation's, one per extension registered in code, so
	 * that a class may register several (two endpoints, say).
	 */
	private final Namespace namespace;

	private volatile Emulators started;

	/**
	 * The extension as {@link SignalREmulatorTest} brings it in: settings from that annotation.
	 */
	public SignalREmulatorExtension() {
		this(null);
	}

	private SignalREmulatorExtension(Settings settings) {
		this.settings = settings;
		this.namespace = (settings != null) ? Namespace.create(SignalREmulatorExtension.class, this) : NAMESPACE;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The running emulator, for code outside test methods.
	 * @throws IllegalStateException before the test class has started
	 */
	public SignalREmulator emulator() {
		return running().emulator();
	}

	/**
	 * The running Key Vault emulator.
	 * @throws IllegalStateException before the test class has started, or if none was asked for
	 */
	public KeyVaultEmulator keyVault() {
		KeyVaultEmulator vault = running().vault();
		if (vault == null) {
			throw new IllegalStateException("No Key Vault emulator was asked for: set keyVault");
		}
		return vault;
	}

	/**
	 * The running Microsoft Entra ID emulator, which the SignalR emulator trusts.
	 * @throws IllegalStateException before the test class has started, or if none was asked for
	 */
	public EntraEmulator entra() {
		EntraEmulator entra = running().entra();
		if (entra == null) {
			throw new IllegalStateException("No Microsoft Entra ID emulator was asked for: set entra");
		}
		return entra;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		ExtensionContext.Store store = context.getStore(this.namespace);
		Emulators existing = store.get(RESOURCES, Emulators.class);
		if (existing != null) {
			// An enclosing class's emulator, shared with its nested classes.
			this.started = existing;
			return;
		}
		Settings wanted = (this.settings != null) ? this.settings : Settings.of(annotation(context));
		Emulators emulators = Emulators.start(wanted);
		store.put(RESOURCES, emulators);
		this.started = emulators;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// Only the class that started them stops them: a nested class finds them in its parent's store, not its own.
		Emulators owned = context.getStore(this.namespace).remove(RESOURCES, Emulators.class);
		if (owned != null) {
			owned.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == SignalREmulator.class || type == KeyVaultEmulator.class || type == EntraEmulator.class
				|| (type == String.class && parameter.isAnnotated(SignalRConnectionString.class));
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Emulators emulators = context.getStore(this.namespace).get(RESOURCES, Emulators.class);
		if (emulators == null) {
			throw new ParameterResolutionException("No SignalR emulator runs for " + context.getDisplayName());
		}
		Class<?> type = parameter.getParameter().getType();
		if (type == SignalREmulator.class) {
			return emulators.emulator();
		}
		if (type == KeyVaultEmulator.class) {
			if (emulators.vault() == null) {
				throw new ParameterResolutionException(
						"No Key Vault emulator was asked for: use @SignalREmulatorTest(keyVault = true)");
			}
			return emulators.vault();
		}
		if (type == EntraEmulator.class) {
			if (emulators.entra() == null) {
				throw new ParameterResolutionException(
						"No Microsoft Entra ID emulator was asked for: use @SignalREmulatorTest(entra = true)");
			}
			return emulators.entra();
		}
		Optional<SignalRConnectionString> annotation = parameter.findAnnotation(SignalRConnectionString.class);
		return emulators.emulator().connectionString(annotation.orElseThrow().value());
	}

	private Emulators running() {
		Emulators emulators = this.started;
		if (emulators == null) {
			throw new IllegalStateException("The SignalR emulator starts before the test class's @BeforeAll methods");
		}
		return emulators;
	}

	private static @Nullable SignalREmulatorTest annotation(ExtensionContext context) {
		Class<?> type = context.getRequiredTestClass();
		while (type != null) {
			Optional<SignalREmulatorTest> found = AnnotationSupport.findAnnotation(type, SignalREmulatorTest.class);
			if (found.isPresent()) {
				return found.get();
			}
			type = type.getEnclosingClass();
		}
		return null;
	}

	/**
	 * What to start.
	 */
	record Settings(@Nullable String upstream, @Nullable String primaryKey, @Nullable String secondaryKey,
			boolean keyVault, boolean entra, @Nullable Duration temporaryKeyLifetime) {

		static Settings of(@Nullable SignalREmulatorTest annotation) {
			if (annotation == null) {
				return new Settings(null, null, null, false, false, null);
			}
			return new Settings(emptyToNull(annotation.upstream()), emptyToNull(annotation.primaryKey()),
					emptyToNull(annotation.secondaryKey()), annotation.keyVault(), annotation.entra(), null);
		}

		private static @Nullable String emptyToNull(String value) {
			return value.isEmpty() ? null : value;
		}

		@Override
		public String toString() {
			return "Settings[upstream=" + this.upstream + ", keyVault=" + this.keyVault + ", entra=" + this.entra + "]";
		}

	}

	/**
	 * What runs for a test class; closed with it.
	 */
	record Emulators(SignalREmulator emulator, @Nullable KeyVaultEmulator vault,
			@Nullable EntraEmulator entra) implements AutoCloseable {

		static Emulators start(Settings settings) {
			EntraEmulator entra = settings.entra() ? EntraEmulator.start(0) : null;
			SignalREmulator emulator;
			try {
				SignalREmulator.Builder builder = SignalREmulator.builder()
					.port(0)
					.upstream(settings.upstream())
					.primaryKey(settings.primaryKey())
					.secondaryKey(settings.secondaryKey())
					.entra(entra);
				if (settings.temporaryKeyLifetime() != null) {
					builder.temporaryKeyLifetime(settings.temporaryKeyLifetime());
				}
				emulator = builder.build().start();
			}
			catch (RuntimeException ex) {
				if (entra != null) {
					entra.close();
				}
				throw ex;
			}
			try {
				return new Emulators(emulator, settings.keyVault() ? KeyVaultEmulator.start(0) : null, entra);
			}
			catch (RuntimeException ex) {
				emulator.close();
				if (entra != null) {
					entra.close();
				}
				throw ex;
			}
		}

		@Override
		public void close() {
			// Closed in reverse order, each even when one before it fails: the vault, the emulator, Entra.
			try (@Nullable EntraEmulator entra = this.entra; SignalREmulator emulator = this.emulator;
					@Nullable KeyVaultEmulator vault = this.vault) {
			}
		}

	}

	/**
	 * Settings of an extension registered in code.
	 */
	public static final class Builder {

		private @Nullable String upstream;

		private @Nullable String primaryKey;

		private @Nullable String secondaryKey;

		private boolean keyVault;

		private boolean entra;

		private @Nullable Duration temporaryKeyLifetime;

		private Builder() {
		}

		/**
		 * The upstream URL template, with {@code {hub}}, {@code {category}} and {@code {event}} placeholders.
		 */
		public Builder upstream(@Nullable String urlTemplate) {
			this.upstream = urlTemplate;
			return this;
		}

		public Builder primaryKey(@Nullable String primaryKey) {
			this.primaryKey = primaryKey;
			return this;
		}

		public Builder secondaryKey(@Nullable String secondaryKey) {
			this.secondaryKey = secondaryKey;
			return this;
		}

		/**
		 * Whether to start a {@link KeyVaultEmulator} too.
		 */
		public Builder keyVault(boolean keyVault) {
			this.keyVault = keyVault;
			return this;
		}

		/**
		 * Whether to start an {@link EntraEmulator} too, which the SignalR emulator trusts.
		 */
		public Builder entra(boolean entra) {
			this.entra = entra;
			return this;
		}

		/**
		 * How long the temporary access keys that the emulator hands to Microsoft Entra identities live; the
		 * emulator's default when not set.
		 */
		public Builder temporaryKeyLifetime(@Nullable Duration lifetime) {
			this.temporaryKeyLifetime = lifetime;
			return this;
		}

		public SignalREmulatorExtension build() {
			return new SignalREmulatorExtension(new Settings(this.upstream, this.primaryKey, this.secondaryKey,
					this.keyVault, this.entra, this.temporaryKeyLifetime));
		}

	}

}
