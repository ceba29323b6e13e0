package io.github.springsignalr.emulator.serverconnection;

/**
 * A client connection routed to a server connection, as the server connection sees it.
 */
public interface RoutedClient {

	String connectionId();

	/**
	 * Bytes the server sent to the client (in the client's hub protocol, framed), written to the client as they are.
	 */
	void fromServer(byte[] payload);

	/**
	 * The server closed the connection ({@code CloseConnection}): the client's WebSocket is closed.
	 */
	void closedByServer();

	/**
	 * The server connection is gone: the service drops the clients it carried.
	 */
	void serverLost();

}
