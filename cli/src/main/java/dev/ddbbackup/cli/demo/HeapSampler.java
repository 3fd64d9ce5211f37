package dev.ddbbackup.cli.demo;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures this JVM's heap while a backup or restore runs: the peak of used heap (garbage included,
 * so it mostly reflects -Xmx and the collector) and the peak of heap still in use after collections
 * (the live set, what the run really holds). The emulators run in other processes, so both describe
 * the run alone.
 *
 * <p>It listens to the collectors' notifications instead of polling: used heap only falls in a
 * collection, so its peak is the highest usage any collection found before it ran (or the usage at
 * the end), and the live set is what a collection left. Polling every few milliseconds cost a
 * measured run about one CPU-second a minute, which the benchmark's ceiling run did not pay.
 */
public final class HeapSampler implements AutoCloseable {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();
    private final long startLive;

    public HeapSampler() {
        System.gc();
        startLive = usedNow();
        peak.set(startLive);
        peakLive.set(startLive);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        peak.accumulateAndGet(heapUsed(gc.getMemoryUsageBeforeGc()), Math::max);
        peakLive.accumulateAndGet(heapUsed(gc.getMemoryUsageAfterGc()), Math::max);
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    private static long usedNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Peak used heap, garbage included. */
    public long peakBytes() {
        return peak.accumulateAndGet(usedNow(), Math::max);
    }

    /** Peak heap in use right after garbage collections: the run's working set. */
    public long peakLiveBytes() {
        return peakLive.get();
    }

    /** Heap in use after a full collection when sampling started: what the JVM held before the run. */
    public long startLiveBytes() {
        return startLive;
    }

    public static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // Already gone: nothing left to stop.
            }
        }
    }
}
