package dev.ddbbackup.recovery;

import dev.ddbbackup.core.codec.DynamoDbJsonCodec;
import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.recovery.source.ItemOperation;
import dev.ddbbackup.recovery.source.OperationReader;
import dev.ddbbackup.recovery.source.RestoreSource;
import dev.ddbbackup.recovery.source.SourcePart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads every item of a source back from the table by key (BatchGetItem, strongly consistent, 100 keys
 * a call, unprocessed keys retried with backoff) and compares it with the source: not a sample.
 *
 * <p>Streams the source again instead of remembering what was written. When the source has several
 * groups (a full export and incremental exports), later groups supersede earlier ones: groups are
 * checked newest first and the keys of every group but the oldest are remembered so that older versions
 * are skipped; memory grows with the number of changed keys, not with the table.
 */
final class ReadBackVerifier {

    static final int MAX_KEYS_PER_CALL = 100;

    private final DynamoDbClient dynamoDb;
    private final Backoff backoff;
    private final int maxAttempts;
    private final int concurrency;

    ReadBackVerifier(DynamoDbClient dynamoDb, Backoff backoff, int maxAttempts, int concurrency) {
        this.dynamoDb = dynamoDb;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.concurrency = concurrency;
    }

    ReadBackReport verify(RestoreSource source, List<SourcePart> parts, String table, KeySchema keys) {
        Tally tally = new Tally();
        TreeMap<Integer, List<SourcePart>> groups = new TreeMap<>();
        for (SourcePart p : parts) {
            groups.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p);
        }
        Set<Map<String, AttributeValue>> laterKeys = groups.size() > 1 ? java.util.concurrent.ConcurrentHashMap.newKeySet() : Set.of();
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, parts.size())), daemon("readback-reader"));
        ExecutorService getters = Executors.newFixedThreadPool(concurrency, daemon("readback-get"));
        Semaphore inFlight = new Semaphore(concurrency * 2);
        try {
            for (Integer group : groups.descendingKeySet()) {
                // The oldest group is superseded by nothing later, so its keys need not be remembered.
                boolean remember = !group.equals(groups.firstKey());
                List<Future<?>> readerFutures = new ArrayList<>();
                List<Future<?>> getFutures = java.util.Collections.synchronizedList(new ArrayList<>());
                Set<Map<String, AttributeValue>> groupKeys = remember ? java.util.concurrent.ConcurrentHashMap.newKeySet() : null;
                for (SourcePart part : groups.get(group)) {
                    readerFutures.add(readers.submit(() -> {
                        readPart(source, part, keys, laterKeys, groupKeys, batch -> {
                            inFlight.acquireUninterruptibly();
                            getFutures.add(getters.submit(() -> {
                                try {
                                    check(table, keys, batch, tally);
                                } finally {
                                    inFlight.release();
                                }
                            }));
                        });
                        return null;
                    }));
                }
                awaitAll(readerFutures);
                awaitAll(getFutures);
                if (remember) {
                    laterKeys.addAll(groupKeys);
                }
            }
        } finally {
            readers.shutdownNow();
            getters.shutdownNow();
        }
        return tally.report();
    }

    private void readPart(RestoreSource source, SourcePart part, KeySchema keys, Set<Map<String, AttributeValue>> laterKeys,
                          Set<Map<String, AttributeValue>> groupKeys, java.util.function.Consumer<Map<Map<String, AttributeValue>, ItemOperation>> sink)
            throws IOException {
        Map<Map<String, AttributeValue>, ItemOperation> batch = new LinkedHashMap<>();
        try (OperationReader reader = source.open(part)) {
            ItemOperation op;
            while ((op = reader.next()) != null) {
                Map<String, AttributeValue> key = keys.identity(op.attributes());
                if (laterKeys.contains(key)) {
                    continue;
                }
                if (groupKeys != null) {
                    groupKeys.add(key);
                }
                if (batch.containsKey(key) || batch.size() == MAX_KEYS_PER_CALL) {
                    sink.accept(batch);
                    batch = new LinkedHashMap<>();
                }
                batch.put(key, op);
            }
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }

    /** {@code expected} is keyed by canonical identity; BatchGetItem is asked for the source's own key values. */
    private void check(String table, KeySchema keys, Map<Map<String, AttributeValue>, ItemOperation> expected, Tally tally) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> actual = new HashMap<>();
        List<Map<String, AttributeValue>> pending = new ArrayList<>(expected.size());
        expected.values().forEach(op -> pending.add(keys.keyOf(op.attributes())));
        List<Map<String, AttributeValue>> ask = pending;
        int attempt = 0;
        while (!ask.isEmpty()) {
            attempt++;
            if (attempt > 1) {
                backoff.sleep(attempt - 1);
            }
            List<Map<String, AttributeValue>> request = ask;
            BatchGetItemResponse r = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(table,
                    KeysAndAttributes.builder().keys(request).consistentRead(true).build())));
            for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
                actual.put(keys.identity(item), item);
            }
            KeysAndAttributes unprocessed = r.hasUnprocessedKeys() ? r.unprocessedKeys().get(table) : null;
            ask = unprocessed == null ? List.of() : unprocessed.keys();
            if (!ask.isEmpty() && attempt >= maxAttempts) {
                throw new IllegalStateException(ask.size() + " key(s) of table " + table + " still unprocessed after "
                        + attempt + " BatchGetItem attempts; the table is throttling reads: raise its read capacity and run the check again");
            }
        }
        for (Map.Entry<Map<String, AttributeValue>, ItemOperation> e : expected.entrySet()) {
            Map<String, AttributeValue> got = actual.get(e.getKey());
            if (e.getValue().kind() == ItemOperation.Kind.DELETE) {
                if (got == null) {
                    tally.found.incrementAndGet();
                } else {
                    tally.different(keys.keyOf(e.getValue().attributes()));
                }
            } else if (got == null) {
                tally.missing(keys.keyOf(e.getValue().attributes()));
            } else if (ItemEquivalence.equivalent(e.getValue().attributes(), got)) {
                tally.found.incrementAndGet();
            } else {
                tally.different(keys.keyOf(e.getValue().attributes()));
            }
        }
    }

    private static void awaitAll(List<Future<?>> futures) {
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading back", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("read-back failed: " + cause.getMessage(), cause);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static final class Tally {
        final AtomicLong found = new AtomicLong();
        final AtomicLong different = new AtomicLong();
        final AtomicLong missing = new AtomicLong();
        final List<String> examples = new ArrayList<>();

        void different(Map<String, AttributeValue> key) {
            different.incrementAndGet();
            example(key);
        }

        void missing(Map<String, AttributeValue> key) {
            missing.incrementAndGet();
            example(key);
        }

        private synchronized void example(Map<String, AttributeValue> key) {
            if (examples.size() < ReadBackReport.MAX_EXAMPLES) {
                examples.add(DynamoDbJsonCodec.toJson(key));
            }
        }

        synchronized ReadBackReport report() {
            long f = found.get();
            long d = different.get();
            long m = missing.get();
            return new ReadBackReport(f + d + m, f, d, m, examples);
        }
    }
}
