package io.github.springsignalr.server;

/**
 * Where a client's answers go: its server connection, as {@code ConnectionData} and {@code CloseConnection}.
 */
interface ClientSink {

	void send(String connectionId, byte[] payload);

	void close(String connectionId, String error);

}
