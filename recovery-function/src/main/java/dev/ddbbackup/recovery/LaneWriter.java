package dev.ddbbackup.recovery;

import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.recovery.source.ItemOperation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes operations with BatchWriteItem on parallel lanes. Each key always goes to the same lane, so
 * two writes of one key are applied in the order they were submitted, and a batch never holds the same
 * key twice (BatchWriteItem rejects that): a repeated key closes the lane's batch first.
 *
 * <p>Counts only writes DynamoDB acknowledged. After the first failure no further batch is written and
 * {@link #failure()} holds the cause; {@link PartProgress} of unfinished parts never completes.
 */
final class LaneWriter implements AutoCloseable {

    /** A lane sends a partly filled batch when nothing arrived for this long. */
    private static final long IDLE_FLUSH_MILLIS = 5;

    private final BatchItemWriter writer;
    private final String table;
    private final KeySchema keys;
    private final int batchSize;
    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    LaneWriter(BatchItemWriter writer, String table, KeySchema keys, int laneCount, int batchSize) {
        if (batchSize < 1 || batchSize > BatchItemWriter.MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be 1.." + BatchItemWriter.MAX_BATCH);
        }
        this.writer = writer;
        this.table = table;
        this.keys = keys;
        this.batchSize = batchSize;
        for (int i = 0; i < laneCount; i++) {
            Lane lane = new Lane(i);
            lanes.add(lane);
            lane.thread.start();
        }
    }

    /** Queues one operation of a part; blocks while its lane is full. */
    void submit(ItemOperation op, PartProgress part) throws InterruptedException {
        Map<String, AttributeValue> identity = keys.identity(op.attributes());
        part.added();
        lanes.get(Math.floorMod(identity.hashCode(), lanes.size())).queue.put(new Entry(op, identity, part));
    }

    /** Operations DynamoDB acknowledged. */
    long written() {
        return written.get();
    }

    /** The first write failure, or null. */
    RuntimeException failure() {
        return failure.get();
    }

    /** Sends what the lanes hold and stops them. */
    @Override
    public void close() throws InterruptedException {
        for (Lane lane : lanes) {
            lane.queue.put(Entry.STOP);
        }
        for (Lane lane : lanes) {
            lane.thread.join();
        }
    }

    /** {@code key} is the canonical identity: equal for numerically equal keys. */
    private record Entry(ItemOperation op, Map<String, AttributeValue> key, PartProgress part) {
        static final Entry STOP = new Entry(null, null, null);
    }

    private final class Lane implements Runnable {
        final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(4 * BatchItemWriter.MAX_BATCH);
        final Thread thread;
        final List<Entry> batch = new ArrayList<>(BatchItemWriter.MAX_BATCH);
        final Set<Map<String, AttributeValue>> batchKeys = new HashSet<>();

        Lane(int index) {
            thread = new Thread(this, "restore-lane-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Entry e = queue.poll(IDLE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
                    if (e == null) {
                        flush();
                    } else if (e == Entry.STOP) {
                        flush();
                        return;
                    } else if (failure.get() == null) {
                        if (batchKeys.contains(e.key())) {
                            flush();
                        }
                        batch.add(e);
                        batchKeys.add(e.key());
                        if (batch.size() >= batchSize) {
                            flush();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new IllegalStateException("restore interrupted", e));
            }
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            try {
                if (failure.get() == null) {
                    List<WriteRequest> requests = new ArrayList<>(batch.size());
                    for (Entry e : batch) {
                        requests.add(e.op().kind() == ItemOperation.Kind.PUT
                                ? WriteRequest.builder().putRequest(PutRequest.builder().item(e.op().attributes()).build()).build()
                                : WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(keys.keyOf(e.op().attributes())).build()).build());
                    }
                    writer.write(table, requests);
                    written.addAndGet(batch.size());
                    for (Entry e : batch) {
                        e.part().acknowledged();
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                batch.clear();
                batchKeys.clear();
            }
        }
    }
}
