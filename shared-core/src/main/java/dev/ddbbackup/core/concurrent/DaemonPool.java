package dev.ddbbackup.core.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed thread pools of named daemon threads: a pool a caller forgot to shut down after a failure
 * must not keep a CLI process or a reused Lambda environment from finishing, and thread names say in
 * a thread dump which work a thread belongs to.
 */
public final class DaemonPool {

    private DaemonPool() {}

    /** A pool of {@code threads} daemon threads named {@code name-1}, {@code name-2}, … */
    public static ExecutorService fixed(int threads, String name) {
        return Executors.newFixedThreadPool(threads, threads(name));
    }

    /** Makes daemon threads named {@code name-1}, {@code name-2}, …, for pools built otherwise. */
    public static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
