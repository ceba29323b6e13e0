package io.github.springsignalr.autoconfigure;

import io.github.springsignalr.autoconfigure.internal.InvalidEndpointPropertyException;
import io.github.springsignalr.connectionstring.Secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an endpoint property that cannot work: which property, where it came from, what is wrong with it and what
 * a valid one looks like. Never quotes the value.
 */
class InvalidEndpointPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEndpointPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidEndpointPropertyException cause) {
		StringBuilder description = new StringBuilder("The Azure SignalR endpoint property '")
			.append(cause.getProperty())
			.append("' is invalid.\n\n");
		if (cause.getOrigin() != null) {
			description.append("    Origin: ").append(cause.getOrigin()).append('\n');
		}
		description.append("    Reason: ").append(Secrets.redact(cause.getProblem()));
		String validForm = (cause.getValidForm() != null) ? cause.getValidForm()
				: ConnectionStringProperties.CONNECTION_STRING + "=" + ServiceEndpointsFactory.EXAMPLE;
		String action = "Correct '" + cause.getProperty() + "'. A valid form is:\n\n    " + validForm + "\n\n"
				+ "Endpoints are declared as " + ConnectionStringProperties.CONNECTION_STRING
				+ "=<connection string> (one endpoint), " + ConnectionStringProperties.CONNECTION_STRING
				+ ".<name>=<connection string> (a primary) or " + ConnectionStringProperties.CONNECTION_STRING
				+ ".<name>.<primary|secondary>=<connection string>.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
