package io.github.springsignalr.benchmarks;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.springsignalr.connectionstring.AuthType;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRTokenService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where {@link ClientTokenBenchmark#signalRTokenService()}'s time goes, step by step, each step done with the JDK
 * calls {@code TokenSigner} makes (its own classes are package-private): cloning an HMAC that has absorbed the
 * header, the HMAC of the claims from there, and the base64url encoding of the claims. What is left of the token's
 * time is the claims' JSON, the array copies and the string. Not a comparison: a diagnosis of the gap to the floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Thread)
public class ClientTokenCostBenchmark {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/** A Mac keyed once that has absorbed the encoded header and its dot, as {@code TokenSigner} keeps it. */
	private Mac withHeader;

	/** Our token's claims, JSON. */
	private byte[] claims;

	/** Our token's claims, base64url-encoded. */
	private byte[] payload;

	@Setup
	public void setUp() throws GeneralSecurityException {
		ServiceEndpoint endpoint = ServiceEndpoint.of("", EndpointType.PRIMARY,
				new ConnectionString(URI.create("https://demo.service.signalr.net"),
						ClientTokenBenchmark.KEY, "1.0", null, null, AuthType.ACCESS_KEY, null, null, null, null));
		String token = new SignalRTokenService().clientToken(endpoint,
				ClientTokenRequest.builder(ClientTokenBenchmark.HUB)
					.userId(ClientTokenBenchmark.USER_ID)
					.claim("name", ClientTokenBenchmark.NAME)
					.build());
		String[] parts = token.split("\\.");
		this.payload = parts[1].getBytes(StandardCharsets.US_ASCII);
		this.claims = Base64.getUrlDecoder().decode(parts[1]);
		this.withHeader = Mac.getInstance("HmacSHA256");
		this.withHeader.init(
				new SecretKeySpec(ClientTokenBenchmark.KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		this.withHeader.update((parts[0] + ".").getBytes(StandardCharsets.US_ASCII));
		// The steps compute our token's signature, or they would measure something else.
		TokenEquivalence.checkSignature(token, clonedMacOverPayload());
	}

	@Benchmark
	public Mac macClone() throws CloneNotSupportedException {
		return (Mac) this.withHeader.clone();
	}

	@Benchmark
	public byte[] clonedMacOverPayload() {
		Mac mac;
		try {
			mac = (Mac) this.withHeader.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
		mac.update(this.payload);
		return mac.doFinal();
	}

	@Benchmark
	public byte[] base64Claims() {
		return BASE64URL.encode(ByteBuffer.wrap(this.claims, 0, this.claims.length)).array();
	}

	@Benchmark
	public long clock() {
		return Math.floorDiv(Clock.systemUTC().millis(), 1000);
	}

}
