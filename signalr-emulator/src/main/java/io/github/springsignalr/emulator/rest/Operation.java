package io.github.springsignalr.emulator.rest;

/**
 * What a REST request asks for, with the status a success answers in each path family, as the service's API
 * definitions give them ({@code v1} and {@code 2022-06-01}).
 */
enum Operation {

	BROADCAST(202, 202),

	SEND_TO_USER(202, 202),

	SEND_TO_CONNECTION(202, 202),

	SEND_TO_GROUP(202, 202),

	CLOSE_CONNECTION(202, 200),

	CLOSE_ALL_CONNECTIONS(204, 204),

	CLOSE_USER_CONNECTIONS(204, 204),

	CLOSE_GROUP_CONNECTIONS(204, 204),

	CONNECTION_EXISTS(200, 200),

	USER_EXISTS(200, 200),

	GROUP_EXISTS(200, 200),

	USER_IN_GROUP(200, 200),

	ADD_CONNECTION_TO_GROUP(200, 200),

	REMOVE_CONNECTION_FROM_GROUP(200, 200),

	REMOVE_CONNECTION_FROM_ALL_GROUPS(200, 200),

	ADD_USER_TO_GROUP(202, 200),

	REMOVE_USER_FROM_GROUP(202, 204),

	REMOVE_USER_FROM_ALL_GROUPS(200, 204);

	private final int v1Status;

	private final int status;

	Operation(int v1Status, int status) {
		this.v1Status = v1Status;
		this.status = status;
	}

	/**
	 * The status of a success.
	 * @param legacy whether the request came on the {@code /api/v1/} path family
	 */
	int successStatus(boolean legacy) {
		return legacy ? this.v1Status : this.status;
	}

	boolean hasMessage() {
		return this == BROADCAST || this == SEND_TO_USER || this == SEND_TO_CONNECTION || this == SEND_TO_GROUP;
	}

}
