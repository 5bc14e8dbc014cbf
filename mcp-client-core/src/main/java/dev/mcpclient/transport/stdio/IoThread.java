package dev.mcpclient.transport.stdio;

import reactor.core.scheduler.NonBlocking;

/**
 * A daemon thread that reads from or writes to a server process. Marked {@link NonBlocking}: what
 * runs on it must not wait for the server (a blocking call would wait for a response that only this
 * thread could read or write), so the blocking client refuses to run here, as on an event loop.
 */
final class IoThread extends Thread implements NonBlocking {

    IoThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }
}
