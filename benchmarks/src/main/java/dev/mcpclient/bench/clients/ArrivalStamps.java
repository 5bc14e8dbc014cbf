package dev.mcpclient.bench.clients;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stamps the moment bytes arrive from the socket, per event-loop thread: the first handler of every
 * client channel records {@link System#nanoTime()} before the read travels up the pipeline. Code that
 * runs inside that read (the call settling on the same thread) can ask when its bytes arrived.
 */
@ChannelHandler.Sharable
public final class ArrivalStamps extends ChannelInboundHandlerAdapter {

    /** The one instance. */
    public static final ArrivalStamps INSTANCE = new ArrivalStamps();

    private static final ThreadLocal<long[]> LAST_READ = ThreadLocal.withInitial(() -> new long[1]);

    private ArrivalStamps() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        LAST_READ.get()[0] = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    /** When the read being handled on this thread (or the last one) arrived. */
    public static long lastReadOnThisThread() {
        return LAST_READ.get()[0];
    }
}
