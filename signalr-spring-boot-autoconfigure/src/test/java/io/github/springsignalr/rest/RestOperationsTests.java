package io.github.springsignalr.rest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operation names of observations come from the shape of the path, never from its values: requests built as the
 * template builds them, with values that look like literals.
 */
class RestOperationsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			POST   | :send                         |        |        | send_to_all
			POST   | users/:send                   | alice  |        | send_to_user
			POST   | users/:send                   | :send  |        | send_to_user
			POST   | groups/:send                  | users  |        | send_to_group
			PUT    | groups/connections            | g1     | c1     | add_connection_to_group
			DELETE | users/groups                  | groups | users  | remove_user_from_group
			HEAD   | connections                   | c1     |        | connection_exists
			POST   | groups/:closeConnections      | g1     |        | close_group_connections
			POST   | connections/:invoke           | c1     |        | POST connections/{}/:invoke
			""")
	void operationNamesComeFromTheShapeOfThePath(String method, String shape, String first, String second,
			String expected) {
		HubRequest.Builder builder = HubRequest.on("Chat");
		String[] parts = shape.split("/");
		String[] values = { first, second };
		int value = 0;
		for (String part : parts) {
			if (part.startsWith(":")) {
				builder.then(part);
			}
			else {
				builder.then(part).thenValue(values[value++]);
			}
		}
		HubRequest request = builder.build(HttpMethod.valueOf(method), null);
		String operation = RestOperations.of(request.method(), request.path());
		assertThat(operation).isEqualTo(expected);
	}

}
