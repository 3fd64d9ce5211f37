package dev.ddbbackup.core.scan;

import dev.ddbbackup.core.concurrent.DaemonPool;
import dev.ddbbackup.core.rate.CapacityLimiter;
import dev.ddbbackup.core.time.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Scans a table with parallel segments (Segment / TotalSegments), handing each page to a per-segment
 * sink on that segment's worker thread. At most one page per worker is in memory at a time.
 *
 * <p>Throttling is retried by the client's retry strategy (full-jitter backoff). The first failure
 * stops all segments; so does the deadline coming near ({@link ScanStoppedException}).
 */
public final class ParallelScanner {

    private final DynamoDbClient dynamoDb;
    private final int concurrency;
    private final CapacityLimiter limiter;

    /**
     * @param concurrency segment workers
     * @param limiter     read-capacity cap shared by all segments, or null for none
     */
    public ParallelScanner(DynamoDbClient dynamoDb, int concurrency, CapacityLimiter limiter) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.dynamoDb = dynamoDb;
        this.concurrency = concurrency;
        this.limiter = limiter;
    }

    /** The suite's default segment count: at least 4, one more per 1 GiB of table, at most 1000. */
    public static int defaultSegments(long tableSizeBytes) {
        long perGiB = tableSizeBytes / (1024L * 1024 * 1024);
        return (int) Math.min(1000, Math.max(4, perGiB + 1));
    }

    /**
     * Scans all segments; returns the number of items delivered.
     *
     * @throws ScanStoppedException when the deadline came near first
     */
    public ScanStats scan(String table, int totalSegments, IntFunction<SegmentSink> sinks, Deadline deadline) {
        if (totalSegments < 1 || totalSegments > 1_000_000) {
            throw new IllegalArgumentException("totalSegments must be between 1 and 1000000");
        }
        AtomicReference<String> stop = new AtomicReference<>();
        AtomicLong items = new AtomicLong();
        ExecutorService pool = DaemonPool.fixed(Math.min(concurrency, totalSegments), "scan-" + table);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int s = 0; s < totalSegments; s++) {
                int segment = s;
                futures.add(pool.submit(() -> {
                    scanSegment(table, segment, totalSegments, sinks, deadline, stop, items);
                    return null;
                }));
            }
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    stop.compareAndSet(null, "scan of " + table + " stopped: another segment failed");
                    RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
                            : new ScanFailedException(table, e.getCause());
                    if (first == null || first instanceof ScanStoppedException && !(cause instanceof ScanStoppedException)) {
                        first = cause;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return new ScanStats(items.get());
        } catch (InterruptedException e) {
            stop.compareAndSet(null, "scan of " + table + " interrupted");
            Thread.currentThread().interrupt();
            throw new ScanFailedException(table, e);
        } finally {
            stop.compareAndSet(null, "scan of " + table + " finished");
            pool.shutdownNow();
        }
    }

    private void scanSegment(String table, int segment, int totalSegments, IntFunction<SegmentSink> sinks,
                             Deadline deadline, AtomicReference<String> stop, AtomicLong items) throws Exception {
        SegmentSink sink = sinks.apply(segment);
        Map<String, AttributeValue> startKey = null;
        do {
            if (deadline.isNear()) {
                stop.compareAndSet(null, "scan of " + table + " stopped: less than " + deadline.marginMillis() + " ms of run time left");
            }
            String reason = stop.get();
            if (reason != null) {
                // Every segment reports the first reason, so the caller sees why the scan stopped.
                throw new ScanStoppedException(reason);
            }
            ScanRequest.Builder req = ScanRequest.builder().tableName(table).segment(segment).totalSegments(totalSegments);
            if (startKey != null) {
                req.exclusiveStartKey(startKey);
            }
            if (limiter != null) {
                req.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            }
            ScanResponse page = dynamoDb.scan(req.build());
            if (limiter != null && page.consumedCapacity() != null && page.consumedCapacity().capacityUnits() != null) {
                limiter.consumed(page.consumedCapacity().capacityUnits());
            }
            sink.accept(page.items());
            items.addAndGet(page.items().size());
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        // Only a segment that reached its end is closed: closing publishes its last data file.
        sink.close();
    }

    /** Items a scan delivered. */
    public record ScanStats(long items) {}

    /** A scan that failed for a reason other than the deadline. */
    public static final class ScanFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ScanFailedException(String table, Throwable cause) {
            super("scan of " + table + " failed: " + cause.getMessage(), cause);
        }
    }
}
