package io.github.springsignalr.emulator.upstream;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upstream URL template, as the service's upstream settings hold it: {@code {hub}}, {@code {category}} and
 * {@code {event}} are replaced by the percent-encoded values of each call, for example
 * {@code http://localhost:8080/runtime/webhooks/signalr?hub={hub}&category={category}&event={event}}.
 * <p>
 * {@link #toString()} leaves out the query, which may hold a function key.
 */
public record UpstreamTemplate(String template) {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(hub|category|event)\\}");

	public UpstreamTemplate {
		Objects.requireNonNull(template, "template");
		URI sample;
		try {
			sample = URI.create(expandText(template, "hub", "category", "event"));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The upstream URL template '" + withoutQuery(template)
					+ "' is not a valid URL once its placeholders are replaced", ex);
		}
		if (!"http".equalsIgnoreCase(sample.getScheme()) && !"https".equalsIgnoreCase(sample.getScheme())) {
			throw new IllegalArgumentException("The upstream URL template '" + withoutQuery(template)
					+ "' must be an absolute http or https URL");
		}
	}

	/**
	 * The URL of one call.
	 */
	public URI expand(String hub, String category, String event) {
		return URI.create(expandText(this.template, hub, category, event));
	}

	private static String expandText(String template, String hub, String category, String event) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String value = switch (matcher.group(1)) {
				case "hub" -> hub;
				case "category" -> category;
				default -> event;
			};
			matcher.appendReplacement(result, Matcher.quoteReplacement(encode(value)));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static String encode(String value) {
		// Percent-encoding of everything but unreserved characters, as .NET's Uri.EscapeDataString does.
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
	}

	private static String withoutQuery(String template) {
		int query = template.indexOf('?');
		return (query < 0) ? template : template.substring(0, query) + "?…";
	}

	@Override
	public String toString() {
		return withoutQuery(this.template);
	}

}
