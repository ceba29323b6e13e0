package io.github.springsignalr.entra;

import java.util.function.Supplier;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import reactor.core.publisher.Mono;

import org.springframework.util.function.SingletonSupplier;

/**
 * A credential obtained the first time a token is asked of it, not when it is handed over: an application whose
 * endpoints never use Spring Cloud Azure's default credential never creates it (a start-up without needless work, and
 * one that also runs where that credential cannot be created, as in an application processed ahead of time with
 * Spring Cloud Azure 7.3, whose global properties are left out of AOT processing).
 */
public final class DeferredTokenCredential implements TokenCredential {

	private final Supplier<TokenCredential> credential;

	public DeferredTokenCredential(Supplier<TokenCredential> credential) {
		this.credential = SingletonSupplier.of(credential);
	}

	@Override
	public Mono<AccessToken> getToken(TokenRequestContext request) {
		return Mono.defer(() -> this.credential.get().getToken(request));
	}

	@Override
	public AccessToken getTokenSync(TokenRequestContext request) {
		return this.credential.get().getTokenSync(request);
	}

	@Override
	public String toString() {
		return "DeferredTokenCredential";
	}

}
