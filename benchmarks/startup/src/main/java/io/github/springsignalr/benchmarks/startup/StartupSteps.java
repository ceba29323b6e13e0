package io.github.springsignalr.benchmarks.startup;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep.Tag;

/**
 * Where the starter's share of start-up goes: the instantiation of each bean whose name or type is the starter's
 * (its own time: nested instantiations are counted where they happen, and subtracted from their parent), and the
 * smart-initialize callbacks, from Spring's {@code ApplicationStartup} steps, slowest first.
 */
final class StartupSteps {

	private StartupSteps() {
	}

	static void print(BufferingApplicationStartup startup, PrintStream out) {
		List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
		Duration total = Duration.ZERO;
		List<TimelineEvent> starters = events.stream().filter(StartupSteps::isStarters).toList();
		for (TimelineEvent event : starters) {
			total = total.plus(own(event, events));
		}
		out.println("startup-steps: the starter's beans and callbacks, own time " + total.toMillis() + " ms");
		starters.stream()
			.sorted(Comparator.comparing((TimelineEvent event) -> own(event, events)).reversed())
			.limit(25)
			.forEach((event) -> out.printf("startup-steps: %6.1f ms  %s %s%n", own(event, events).toNanos() / 1e6,
					event.getStartupStep().getName(), tags(event)));
	}

	private static boolean isStarters(TimelineEvent event) {
		String tags = tags(event);
		return (event.getStartupStep().getName().equals("spring.beans.instantiate")
				|| event.getStartupStep().getName().equals("spring.beans.smart-initialize"))
				&& (tags.contains("io.github.springsignalr") || tags.toLowerCase().contains("signalr"));
	}

	/** The step's time less that of the steps it is the parent of. */
	private static Duration own(TimelineEvent event, List<TimelineEvent> events) {
		Duration own = event.getDuration();
		for (TimelineEvent other : events) {
			Long parent = other.getStartupStep().getParentId();
			if (parent != null && parent == event.getStartupStep().getId()) {
				own = own.minus(other.getDuration());
			}
		}
		return own;
	}

	private static String tags(TimelineEvent event) {
		return String.join(" ", StreamSupport.stream(event.getStartupStep().getTags().spliterator(), false)
			.map((Tag tag) -> tag.getKey() + "=" + tag.getValue())
			.toList());
	}

}
