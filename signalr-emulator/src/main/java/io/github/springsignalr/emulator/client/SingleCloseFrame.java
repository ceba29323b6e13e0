package io.github.springsignalr.emulator.client;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Lets one close frame out of a WebSocket and drops the others, and tells when the client's close frame comes in.
 * The session writes its close as a plain frame, so that the connection stays open until the client answers;
 * reactor-netty, not knowing of that close, answers the client's close with one of its own, which must not follow. A
 * dropped frame counts as written, so that what waits for it (closing the connection) goes on. The client's close is
 * seen here, as it is read and before reactor-netty answers it, because what reactor-netty reports afterwards (the
 * channel going inactive before its own close is written) must not be taken for the client's error.
 */
final class SingleCloseFrame extends ChannelDuplexHandler {

	static final String NAME = "signalr-emulator.single-close-frame";

	private final Runnable peerClosed;

	/** Only touched on the channel's event loop. */
	private boolean closeWritten;

	/**
	 * @param peerClosed run on the event loop when the client's close frame is read
	 */
	SingleCloseFrame(Runnable peerClosed) {
		this.peerClosed = peerClosed;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (msg instanceof CloseWebSocketFrame) {
			this.peerClosed.run();
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof CloseWebSocketFrame) {
			if (this.closeWritten) {
				ReferenceCountUtil.release(msg);
				promise.trySuccess();
				return;
			}
			this.closeWritten = true;
		}
		ctx.write(msg, promise);
	}

}
