package io.github.springsignalr.emulator.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslProvider;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import reactor.netty.http.Http11SslContextSpec;

/**
 * A server's TLS identity: a self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made at start and
 * never written anywhere unless asked, so every run has its own.
 *
 * @param privateKey the key the server signs its handshakes with
 * @param certificate the certificate clients must trust
 */
public record SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {

	private static final Duration VALIDITY = Duration.ofDays(365);

	/**
	 * Generates a P-256 key pair and a certificate for it. Only the JDK's providers are used: BouncyCastle builds the
	 * certificate but is not registered as a security provider, which would be a side effect on the whole JVM.
	 * @param organization the subject's organization, naming the emulator, for example {@code signalr-emulator Key
	 * Vault}
	 */
	public static SelfSignedCertificate generate(String organization) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keyPair = generator.generateKeyPair();
			X500Name subject = new X500Name("CN=localhost, O=" + organization);
			Instant now = Instant.now();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
					new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
					Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
			return new SelfSignedCertificate(keyPair.getPrivate(), certificate);
		}
		catch (GeneralSecurityException | OperatorCreationException | CertIOException ex) {
			throw new IllegalStateException("Could not generate a self-signed certificate for " + organization, ex);
		}
	}

	/**
	 * The server side of TLS with this certificate, for reactor-netty's {@code HttpServer.secure}. The JDK provider
	 * rather than OpenSSL: the same behaviour whether or not netty-tcnative is present.
	 */
	public Http11SslContextSpec serverSpec() {
		return Http11SslContextSpec.forServer(this.privateKey, this.certificate)
			.configure((builder) -> builder.sslProvider(SslProvider.JDK));
	}

	/**
	 * A new trust store holding only this certificate, for a client's {@code TrustManagerFactory}.
	 */
	public KeyStore trustStore() {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			trustStore.setCertificateEntry("signalr-emulator", this.certificate);
			return trustStore;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not build a trust store for the certificate", ex);
		}
	}

	/**
	 * A new TLS context trusting only this certificate, for the JDK's {@code HttpClient} or the Azure SDK's
	 * {@code JdkHttpClientBuilder}.
	 */
	public SSLContext sslContext() {
		try {
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trustStore());
			SSLContext sslContext = SSLContext.getInstance("TLS");
			sslContext.init(null, trustManagers.getTrustManagers(), null);
			return sslContext;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not build a TLS context trusting the certificate", ex);
		}
	}

	/**
	 * The certificate in PEM, as {@code curl --cacert}, Node's {@code NODE_EXTRA_CA_CERTS} or {@code keytool
	 * -importcert} read it.
	 */
	public String pem() {
		try {
			String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
				.encodeToString(this.certificate.getEncoded());
			return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encode the certificate", ex);
		}
	}

	@Override
	public String toString() {
		return "SelfSignedCertificate[subject=" + this.certificate.getSubjectX500Principal() + "]";
	}

}
