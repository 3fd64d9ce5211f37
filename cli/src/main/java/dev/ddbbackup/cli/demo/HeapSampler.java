package dev.ddbbackup.cli.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Samples this JVM's heap every few milliseconds while a backup runs: the peak of used heap
 * (garbage included, so it mostly reflects -Xmx and the collector) and the peak of heap still in
 * use after collections (the live set, what the backup really holds). The emulators run in other
 * processes, so both describe the backup alone.
 */
public final class HeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;
    private volatile long peakLive;

    public HeapSampler() {
        System.gc();
        peak = memory.getHeapMemoryUsage().getUsed();
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        long live = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc != null) {
                live += afterGc.getUsed();
            }
        }
        peakLive = Math.max(peakLive, live);
    }

    /** Peak used heap, garbage included. */
    public long peakBytes() {
        sample();
        return peak;
    }

    /** Peak heap in use right after garbage collections: the backup's working set. */
    public long peakLiveBytes() {
        sample();
        return peakLive;
    }

    public static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
