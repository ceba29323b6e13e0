package io.github.springsignalr.rest;

import java.util.List;

/**
 * What every endpoint answered to one operation of {@link SignalRTemplate}.
 *
 * @param results one per endpoint the operation went to, in registry order
 */
public record SignalRResult(List<EndpointResult> results) {

	public SignalRResult {
		results = List.copyOf(results);
	}

	/**
	 * Whether no endpoint failed ({@link EndpointResult.Outcome#NOT_FOUND} is not a failure).
	 */
	public boolean succeeded() {
		return this.results.stream().noneMatch(EndpointResult::failed);
	}

	/**
	 * Whether any endpoint answered {@link EndpointResult.Outcome#OK}: for an existence check, found.
	 */
	public boolean anyOk() {
		return this.results.stream().anyMatch((result) -> result.outcome() == EndpointResult.Outcome.OK);
	}

	public List<EndpointResult> failures() {
		return this.results.stream().filter(EndpointResult::failed).toList();
	}

}
