package io.github.springsignalr.server;

import java.time.Clock;
import java.util.concurrent.Executor;

import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.upstream.UpstreamEventDispatcher;

/**
 * What every server connection shares.
 *
 * @param options timings and counts
 * @param dispatcher the annotated hub methods
 * @param json reads handshakes and writes errors
 * @param executor runs hub calls, off the sockets' threads
 * @param clock the time source
 * @param acks the group changes waiting for their ack
 */
record ServerConnectionContext(ServerConnectionOptions options, UpstreamEventDispatcher dispatcher, JsonMapper json,
		Executor executor, Clock clock, Acks acks) {

}
