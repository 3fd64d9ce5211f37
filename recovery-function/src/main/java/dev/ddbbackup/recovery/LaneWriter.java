package dev.ddbbackup.recovery;

import dev.ddbbackup.core.concurrent.DaemonPool;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.recovery.source.ItemOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
 * <p>With a {@link ReadBackChecker}, each lane reads its acknowledged operations back in batches of up
 * to 100 keys, on a pool beside the lanes so that writing goes on meanwhile. Because a key only ever
 * travels on its own lane, the lane waits for a pending check of a key before writing that key again;
 * so each check sees exactly the write it follows, also when a source writes one key twice (a full
 * export followed by incremental exports).
 *
 * <p>Counts only writes DynamoDB acknowledged. After the first failure (of a write, or of a read-back
 * call) no further batch is written and {@link #failure()} holds the cause; {@link PartProgress} of
 * unfinished parts never completes.
 */
final class LaneWriter implements AutoCloseable {

    /** A lane sends a partly filled batch when nothing arrived for this long. */
    private static final long IDLE_FLUSH_MILLIS = 5;
    /** Read-back calls a lane may have running at once; bounds the items held for checking. */
    private static final int CHECKS_IN_FLIGHT_PER_LANE = 2;

    private final BatchItemWriter writer;
    private final String table;
    private final KeySchema keys;
    private final int batchSize;
    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final ReadBackChecker checker;
    private final ExecutorService checkers;

    /** @param checker reads each acknowledged batch back, or null to only write */
    LaneWriter(BatchItemWriter writer, String table, KeySchema keys, int laneCount, int batchSize, ReadBackChecker checker) {
        if (batchSize < 1 || batchSize > BatchItemWriter.MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be 1.." + BatchItemWriter.MAX_BATCH);
        }
        this.writer = writer;
        this.table = table;
        this.keys = keys;
        this.batchSize = batchSize;
        this.checker = checker;
        this.checkers = checker == null ? null : DaemonPool.fixed(laneCount, "restore-readback");
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

    /** Sends what the lanes hold, waits for its read-back, and stops them. */
    @Override
    public void close() throws InterruptedException {
        try {
            for (Lane lane : lanes) {
                lane.queue.put(Entry.STOP);
            }
            for (Lane lane : lanes) {
                lane.thread.join();
            }
        } finally {
            if (checkers != null) {
                checkers.shutdownNow();
            }
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
        /** Acknowledged, not yet sent for reading back. */
        final List<Entry> unchecked = new ArrayList<>(ReadBackChecker.MAX_KEYS_PER_CALL);
        final Set<Map<String, AttributeValue>> uncheckedKeys = new HashSet<>();
        /** Sent for reading back, oldest first. */
        final ArrayDeque<Check> checking = new ArrayDeque<>();

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
                        sendChecks();
                    } else if (e == Entry.STOP) {
                        flush();
                        sendChecks();
                        awaitChecks(0);
                        return;
                    } else if (failure.get() == null) {
                        if (batchKeys.contains(e.key())) {
                            flush();
                        }
                        if (awaitingCheck(e.key())) {
                            // Writing the key again before its check would make the check see the later write.
                            sendChecks();
                            awaitChecks(0);
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

        private void flush() throws InterruptedException {
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
                        if (checker != null) {
                            unchecked.add(e);
                            uncheckedKeys.add(e.key());
                        }
                        e.part().acknowledged();
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                batch.clear();
                batchKeys.clear();
            }
            if (unchecked.size() >= ReadBackChecker.MAX_KEYS_PER_CALL - BatchItemWriter.MAX_BATCH) {
                sendChecks();
            }
        }

        private boolean awaitingCheck(Map<String, AttributeValue> key) {
            if (uncheckedKeys.contains(key)) {
                return true;
            }
            for (Check c : checking) {
                if (c.keys().contains(key)) {
                    return true;
                }
            }
            return false;
        }

        /** Sends the acknowledged operations for reading back; waits first while too many checks run. */
        private void sendChecks() throws InterruptedException {
            if (unchecked.isEmpty()) {
                return;
            }
            awaitChecks(CHECKS_IN_FLIGHT_PER_LANE - 1);
            List<Entry> entries = List.copyOf(unchecked);
            Set<Map<String, AttributeValue>> entryKeys = Set.copyOf(uncheckedKeys);
            unchecked.clear();
            uncheckedKeys.clear();
            if (failure.get() != null) {
                return;
            }
            checking.addLast(new Check(checkers.submit(() -> {
                try {
                    List<ItemOperation> ops = new ArrayList<>(entries.size());
                    entries.forEach(e -> ops.add(e.op()));
                    List<ReadBackChecker.Checked> results = checker.check(ops);
                    for (int i = 0; i < entries.size(); i++) {
                        entries.get(i).part().checked(results.get(i).outcome(), results.get(i).key());
                    }
                } catch (RuntimeException ex) {
                    failure.compareAndSet(null, ex);
                }
            }), entryKeys));
        }

        /** Waits until at most {@code left} checks of this lane are running. */
        private void awaitChecks(int left) throws InterruptedException {
            while (checking.size() > left) {
                try {
                    checking.removeFirst().done().get();
                } catch (ExecutionException ex) {
                    failure.compareAndSet(null, new IllegalStateException("read-back: " + ex.getCause(), ex.getCause()));
                }
            }
        }
    }

    private record Check(Future<?> done, Set<Map<String, AttributeValue>> keys) {}
}
