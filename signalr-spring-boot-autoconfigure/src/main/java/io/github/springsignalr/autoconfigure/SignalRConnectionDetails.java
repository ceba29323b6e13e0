package io.github.springsignalr.autoconfigure;

import java.util.List;

import io.github.springsignalr.endpoint.EndpointType;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * The endpoints of Azure SignalR Service the application uses, as connection strings (or references to one, such as a
 * Key Vault reference, that a {@link io.github.springsignalr.endpoint.ConnectionStringResolver} resolves). By default
 * they come from the {@code azure.signalr.connection-string.*} and {@code azure.signalr.endpoints.*} properties; a bean
 * of this type (local mode, test support, a platform's service binding) replaces them.
 */
public interface SignalRConnectionDetails extends ConnectionDetails {

	/**
	 * The endpoints, each named and typed once. Read again on the reload interval, so an implementation whose
	 * connection strings change (a rotated key) may return new values.
	 */
	List<Endpoint> getEndpoints();

	/**
	 * One endpoint.
	 *
	 * @param name the endpoint's name, {@code ""} for the unnamed one
	 * @param type primary or secondary
	 * @param connectionString the connection string or a reference to one; never logged
	 */
	record Endpoint(String name, EndpointType type, String connectionString) {

		/**
		 * The unnamed primary endpoint.
		 */
		public static Endpoint of(String connectionString) {
			return new Endpoint("", EndpointType.PRIMARY, connectionString);
		}

		@Override
		public String toString() {
			return "Endpoint[name=" + this.name + ", type=" + this.type + "]";
		}

	}

}
