package io.github.springsignalr.autoconfigure.internal;

import org.jspecify.annotations.Nullable;

/**
 * A property that declares an endpoint in a way that cannot work. The message names the property and the problem,
 * never the property's value.
 */
public class InvalidEndpointPropertyException extends IllegalStateException {

	private final String property;

	private final @Nullable String origin;

	private final @Nullable String problem;

	private final @Nullable String validForm;

	/**
	 * @param property the property, canonical form
	 * @param origin where its value came from, or {@code null}
	 * @param problem what is wrong, without the value
	 * @param validForm a valid form of the property to show, or {@code null} for the generic one
	 */
	public InvalidEndpointPropertyException(String property, @Nullable String origin, @Nullable String problem,
			@Nullable String validForm) {
		this(property, origin, problem, validForm, null);
	}

	public InvalidEndpointPropertyException(String property, @Nullable String origin, @Nullable String problem,
			@Nullable String validForm, @Nullable Throwable cause) {
		super("Invalid Azure SignalR endpoint property '" + property + "'"
				+ ((origin != null) ? " (from " + origin + ")" : "") + ": " + problem, cause);
		this.property = property;
		this.origin = origin;
		this.problem = problem;
		this.validForm = validForm;
	}

	public String getProperty() {
		return this.property;
	}

	public @Nullable String getOrigin() {
		return this.origin;
	}

	public @Nullable String getProblem() {
		return this.problem;
	}

	public @Nullable String getValidForm() {
		return this.validForm;
	}

}
