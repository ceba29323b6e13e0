package io.github.springsignalr.emulator.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Lets one close frame out of a WebSocket and drops the others. The session writes its close as a plain frame, so
 * that the connection stays open until the client answers; reactor-netty, not knowing of that close, answers the
 * client's close with one of its own, which must not follow. A dropped frame counts as written, so that what waits
 * for it (closing the connection) goes on.
 */
final class SingleCloseFrame extends ChannelOutboundHandlerAdapter {

	static final String NAME = "signalr-emulator.single-close-frame";

	/** Only touched on the channel's event loop. */
	private boolean closeWritten;

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
