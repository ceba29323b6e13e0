package io.github.springsignalr.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one change to the {@link ServiceEndpointRegistry} did, published after the new snapshot is in place.
 *
 * @param previous the snapshot before
 * @param current the snapshot after, in use from {@code timestamp} on
 * @param added endpoints that are new
 * @param removed endpoints that are gone
 * @param changed endpoints whose connection string, key or online state changed
 * @param timestamp when the new snapshot took effect
 */
public record ServiceEndpointsChangedEvent(EndpointSnapshot previous, EndpointSnapshot current,
		List<ServiceEndpoint> added, List<ServiceEndpoint> removed, List<Change> changed, Instant timestamp) {

	public ServiceEndpointsChangedEvent {
		Objects.requireNonNull(previous, "previous");
		Objects.requireNonNull(current, "current");
		added = List.copyOf(added);
		removed = List.copyOf(removed);
		changed = List.copyOf(changed);
		Objects.requireNonNull(timestamp, "timestamp");
	}

	/**
	 * One endpoint before and after a change.
	 *
	 * @param before the endpoint as it was
	 * @param after the endpoint as it is now
	 */
	public record Change(ServiceEndpoint before, ServiceEndpoint after) {

		/**
		 * Whether the key that signs tokens changed: a rotation.
		 */
		public boolean keyChanged() {
			return !Objects.equals(this.before.accessKey(), this.after.accessKey());
		}

		public boolean onlineChanged() {
			return this.before.online() != this.after.online();
		}

	}

}
