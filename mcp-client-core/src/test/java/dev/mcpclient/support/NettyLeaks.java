package dev.mcpclient.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/** Netty's leak detector, for the tests that check it reported nothing. */
public final class NettyLeaks {

    private NettyLeaks() {
    }

    /**
     * Makes the detector report what leaked so far: leaked buffers are reported when they are
     * collected and a later allocation checks the queue.
     */
    public static void provokeReports() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 200; i++) {
                ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(64);
                buffer.release();
            }
        }
    }
}
