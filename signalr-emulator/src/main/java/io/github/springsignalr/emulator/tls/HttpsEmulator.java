package io.github.springsignalr.emulator.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.BiFunction;

import javax.net.ssl.SSLContext;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * An emulated Azure service over HTTPS on {@code localhost} (the Key Vault and the Microsoft Entra ID emulators): its
 * self-signed certificate and what clients need to trust it, its port, and a stop that closes every open connection,
 * so that a stopped emulator does not go on answering on a client's pooled keep-alive connection.
 */
public abstract class HttpsEmulator implements AutoCloseable {

	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

	private final SelfSignedCertificate certificate;

	private final ChannelGroup connections;

	private final HttpServer bindable;

	private final int port;

	private volatile DisposableServer server;

	/**
	 * Binds the server.
	 * @param name what the certificate and the connection group are named after
	 * @param port the port, or 0 for a free one
	 */
	protected HttpsEmulator(String name, String bindAddress, int port,
			BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> routes) {
		this.certificate = SelfSignedCertificate.generate("signalr-emulator " + name);
		this.connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
		this.bindable = HttpServer.create()
			.host(bindAddress)
			.channelGroup(this.connections)
			.secure((spec) -> spec.sslContext(this.certificate.serverSpec()))
			.handle(routes);
		this.server = this.bindable.port(port).bindNow(BIND_TIMEOUT);
		this.port = this.server.port();
	}

	/**
	 * The port the server is bound to, and binds again when {@linkplain #restart() restarted}.
	 */
	public int port() {
		return this.port;
	}

	public boolean isRunning() {
		return !this.server.isDisposed();
	}

	/**
	 * Binds the server again after {@link #close()}, on the same port and with the same certificate, so that clients
	 * that trusted it before reach it again: an outage and a recovery.
	 * @throws IllegalStateException if it is running
	 */
	protected synchronized void restart() {
		if (isRunning()) {
			throw new IllegalStateException("Already running on port " + this.port);
		}
		this.server = this.bindable.port(this.port).bindNow(BIND_TIMEOUT);
	}

	/**
	 * The self-signed certificate, for {@code localhost} and {@code 127.0.0.1}.
	 */
	public X509Certificate certificate() {
		return this.certificate.certificate();
	}

	/**
	 * A new in-memory trust store holding only the certificate, for a {@code TrustManagerFactory}.
	 */
	public KeyStore trustStore() {
		return this.certificate.trustStore();
	}

	/**
	 * A new TLS context trusting only the certificate, for the JDK's {@code HttpClient} or the Azure SDK's
	 * {@code JdkHttpClientBuilder}.
	 */
	public SSLContext sslContext() {
		return this.certificate.sslContext();
	}

	/**
	 * The certificate in PEM.
	 */
	public String certificatePem() {
		return this.certificate.pem();
	}

	/**
	 * Writes the certificate in PEM to {@code file}, for clients outside this JVM ({@code curl --cacert},
	 * {@code NODE_EXTRA_CA_CERTS}, {@code keytool -importcert}).
	 * @return {@code file}
	 */
	public Path writeCertificatePem(Path file) throws IOException {
		return Files.writeString(file, this.certificate.pem(), StandardCharsets.US_ASCII);
	}

	/**
	 * Stops accepting, lets requests under way finish, and closes every connection left open.
	 */
	@Override
	public synchronized void close() {
		this.server.disposeNow(BIND_TIMEOUT);
		this.connections.close().awaitUninterruptibly(BIND_TIMEOUT.toMillis());
	}

}
