package io.github.springsignalr.autoconfigure.upstream;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an upstream configuration that could verify no request, or that lacks what checking bearer tokens needs,
 * and names the properties to set.
 */
class UpstreamAuthenticationFailureAnalyzer extends AbstractFailureAnalyzer<UpstreamAuthenticationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UpstreamAuthenticationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
