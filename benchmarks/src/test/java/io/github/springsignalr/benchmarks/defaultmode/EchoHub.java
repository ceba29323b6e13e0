package io.github.springsignalr.benchmarks.defaultmode;

import io.github.springsignalr.upstream.SignalRMessage;

/**
 * The benchmark's hub method, the same in both modes: in default mode the invocation arrives over a server
 * connection, in serverless mode as an upstream request.
 */
public class EchoHub {

	public static final String HUB = "bench";

	@SignalRMessage(hub = HUB)
	public String echo(String text) {
		return text + "!";
	}

}
