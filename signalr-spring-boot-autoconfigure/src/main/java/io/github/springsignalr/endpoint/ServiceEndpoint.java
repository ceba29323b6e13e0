package io.github.springsignalr.endpoint;

import java.net.URI;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.springsignalr.connectionstring.ConnectionString;
import org.jspecify.annotations.Nullable;

/**
 * One Azure SignalR Service instance as the application sees it at one moment: immutable. A change (a rotated key, a
 * health check's verdict) is a new {@code ServiceEndpoint} swapped into the {@link ServiceEndpointRegistry}.
 * <p>
 * Jackson writes only its name, type and whether it is online: the connection string and the key, which hold
 * secrets, are left out whole.
 *
 * @param name the endpoint's name, {@code ""} when unnamed
 * @param type primary or secondary
 * @param connectionString the parsed connection string
 * @param accessKey the key that signs tokens now; {@code null} while an Entra endpoint has not obtained one
 * @param online whether the endpoint takes new clients and messages
 */
@JsonIgnoreProperties({ "connectionString", "accessKey" })
public record ServiceEndpoint(String name, EndpointType type, ConnectionString connectionString,
		@Nullable AccessKey accessKey, boolean online) {

	public ServiceEndpoint {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(connectionString, "connectionString");
	}

	/**
	 * An online endpoint whose key is its connection string's {@code AccessKey}.
	 * @param connectionString the connection string's text
	 * @throws io.github.springsignalr.connectionstring.InvalidConnectionStringException when the text is invalid
	 */
	public static ServiceEndpoint of(String name, EndpointType type, String connectionString) {
		return of(name, type, ConnectionString.parse(connectionString));
	}

	/**
	 * An online endpoint whose key is its connection string's {@code AccessKey}.
	 */
	public static ServiceEndpoint of(String name, EndpointType type, ConnectionString connectionString) {
		AccessKey key = (connectionString.accessKey() != null) ? AccessKey.of(connectionString.accessKey()) : null;
		return new ServiceEndpoint(name, type, connectionString, key, true);
	}

	/**
	 * The unnamed primary endpoint of a single connection string.
	 */
	public static ServiceEndpoint of(String connectionString) {
		return of("", EndpointType.PRIMARY, connectionString);
	}

	public EndpointId id() {
		return new EndpointId(this.name, this.type);
	}

	/**
	 * The service endpoint, {@code scheme://host[:port]}.
	 */
	public URI endpoint() {
		return this.connectionString.endpoint();
	}

	/**
	 * This endpoint with another connection string, and the key that comes with it.
	 */
	public ServiceEndpoint withConnectionString(ConnectionString connectionString) {
		AccessKey key = (connectionString.accessKey() != null) ? AccessKey.of(connectionString.accessKey())
				: this.accessKey;
		return new ServiceEndpoint(this.name, this.type, connectionString, key, this.online);
	}

	public ServiceEndpoint withAccessKey(AccessKey accessKey) {
		return new ServiceEndpoint(this.name, this.type, this.connectionString, accessKey, this.online);
	}

	public ServiceEndpoint withOnline(boolean online) {
		return (online == this.online) ? this
				: new ServiceEndpoint(this.name, this.type, this.connectionString, this.accessKey, online);
	}

	@Override
	public String toString() {
		return "ServiceEndpoint[" + id() + ", endpoint=" + endpoint() + ", key="
				+ ((this.accessKey != null) ? this.accessKey.id() : "none") + ", online=" + this.online + "]";
	}

}
