package io.github.springsignalr.autoconfigure;

import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.endpoint.DuplicateServiceEndpointException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains two endpoints that clash: the same name and type, or the same service with the same type.
 */
class DuplicateServiceEndpointFailureAnalyzer extends AbstractFailureAnalyzer<DuplicateServiceEndpointException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DuplicateServiceEndpointException cause) {
		String description = Secrets.redact(cause.getMessage()) + ".\n\n    First:  " + cause.getFirst()
				+ "\n    Second: " + cause.getSecond();
		String action = "Declare each endpoint once. Endpoints come from "
				+ ConnectionStringProperties.CONNECTION_STRING + ".*, " + ConnectionStringProperties.ENDPOINTS
				+ ".*, ServiceEndpoint beans and ServiceEndpointsCustomizer beans; give each a distinct name, or make "
				+ "one of two endpoints of the same service a secondary.";
		return new FailureAnalysis(description, action, cause);
	}

}
