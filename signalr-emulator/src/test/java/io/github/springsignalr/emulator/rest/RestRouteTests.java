package io.github.springsignalr.emulator.rest;

import java.util.Optional;

import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RestRoute}: each path of both families to its operation and parameters.
 */
class RestRouteTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			POST   | /api/v1/hubs/chat                            | BROADCAST                         | true  | -  | -  | -
			POST   | /api/hubs/chat/:send                         | BROADCAST                         | false | -  | -  | -
			POST   | /api/hubs/chat/:closeConnections             | CLOSE_ALL_CONNECTIONS             | false | -  | -  | -
			POST   | /api/v1/hubs/chat/users/u                    | SEND_TO_USER                      | true  | u  | -  | -
			POST   | /api/hubs/chat/users/u/:send                 | SEND_TO_USER                      | false | u  | -  | -
			HEAD   | /api/hubs/chat/users/u                       | USER_EXISTS                       | false | u  | -  | -
			GET    | /api/v1/hubs/chat/users/u                    | USER_EXISTS                       | true  | u  | -  | -
			POST   | /api/hubs/chat/users/u/:closeConnections     | CLOSE_USER_CONNECTIONS            | false | u  | -  | -
			DELETE | /api/hubs/chat/users/u/groups                | REMOVE_USER_FROM_ALL_GROUPS       | false | u  | -  | -
			PUT    | /api/hubs/chat/users/u/groups/g              | ADD_USER_TO_GROUP                 | false | u  | g  | -
			PUT    | /api/v1/hubs/chat/groups/g/users/u           | ADD_USER_TO_GROUP                 | true  | u  | g  | -
			DELETE | /api/hubs/chat/users/u/groups/g              | REMOVE_USER_FROM_GROUP            | false | u  | g  | -
			HEAD   | /api/hubs/chat/users/u/groups/g              | USER_IN_GROUP                     | false | u  | g  | -
			GET    | /api/v1/hubs/chat/groups/g/users/u           | USER_IN_GROUP                     | true  | u  | g  | -
			POST   | /api/v1/hubs/chat/groups/g                   | SEND_TO_GROUP                     | true  | -  | g  | -
			POST   | /api/hubs/chat/groups/g/:send                | SEND_TO_GROUP                     | false | -  | g  | -
			HEAD   | /api/hubs/chat/groups/g                      | GROUP_EXISTS                      | false | -  | g  | -
			POST   | /api/hubs/chat/groups/g/:closeConnections    | CLOSE_GROUP_CONNECTIONS           | false | -  | g  | -
			PUT    | /api/hubs/chat/groups/g/connections/c        | ADD_CONNECTION_TO_GROUP           | false | -  | g  | c
			PUT    | /api/hubs/chat/connections/c/groups/g        | ADD_CONNECTION_TO_GROUP           | false | -  | g  | c
			DELETE | /api/v1/hubs/chat/groups/g/connections/c     | REMOVE_CONNECTION_FROM_GROUP      | true  | -  | g  | c
			DELETE | /api/hubs/chat/connections/c/groups/g        | REMOVE_CONNECTION_FROM_GROUP      | false | -  | g  | c
			DELETE | /api/hubs/chat/connections/c/groups          | REMOVE_CONNECTION_FROM_ALL_GROUPS | false | -  | -  | c
			POST   | /api/v1/hubs/chat/connections/c              | SEND_TO_CONNECTION                | true  | -  | -  | c
			POST   | /api/hubs/chat/connections/c/:send           | SEND_TO_CONNECTION                | false | -  | -  | c
			HEAD   | /api/hubs/chat/connections/c                 | CONNECTION_EXISTS                 | false | -  | -  | c
			DELETE | /api/v1/hubs/chat/connections/c              | CLOSE_CONNECTION                  | true  | -  | -  | c
			POST   | /api/hubs/chat/users/a%2Fb%20c+d/:send       | SEND_TO_USER                      | false | a/b c+d | - | -
			""")
	void routes(String method, String path, Operation operation, boolean legacy, String user, String group,
			String connectionId) {
		Optional<RestRoute> route = RestRoute.of(HttpMethod.valueOf(method), path);
		assertThat(route).hasValue(new RestRoute(operation, legacy, "chat", user, group, connectionId));
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /api/hubs/chat/:send", "PUT /api/hubs/chat", "POST /api/hubs",
			"POST /api/v2/hubs/chat", "HEAD /api/hubs/chat/users/u/:send", "DELETE /api/hubs/chat/groups/g",
			"POST /api/hubs/chat/things/t", "PUT /api/hubs/chat/users/u/groups/g/x", "GET /api/hubs/chat/groups/g/connections/c",
			"POST /api/hubs/chat/users/u/groups/g/:send" })
	void unknownRoutes(String request) {
		String[] parts = request.split(" ");
		assertThat(RestRoute.of(HttpMethod.valueOf(parts[0]), parts[1])).isEmpty();
	}

}
