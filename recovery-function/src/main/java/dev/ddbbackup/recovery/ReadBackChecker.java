package dev.ddbbackup.recovery;

import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.recovery.source.ItemOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads written operations back from the table by key (BatchGetItem, strongly consistent, at most 100
 * keys a call, unprocessed keys retried with backoff) and compares each with what was written: a put
 * must be present and equal (numbers numerically, sets unordered), a delete must be absent.
 *
 * <p>{@link LaneWriter} calls it for every acknowledged batch, so every item is checked, not a sample,
 * and without reading the source a second time.
 */
final class ReadBackChecker {

    static final int MAX_KEYS_PER_CALL = 100;

    /** What reading one operation back found. */
    enum Outcome { EQUAL, DIFFERENT, MISSING }

    /** One operation's outcome, with the key it was read by (for the examples of a report). */
    record Checked(Outcome outcome, Map<String, AttributeValue> key) {}

    private final DynamoDbClient dynamoDb;
    private final Backoff backoff;
    private final int maxAttempts;
    private final String table;
    private final KeySchema keys;

    ReadBackChecker(DynamoDbClient dynamoDb, Backoff backoff, int maxAttempts, String table, KeySchema keys) {
        this.dynamoDb = dynamoDb;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.table = table;
        this.keys = keys;
    }

    /**
     * Checks operations of distinct keys; returns one result per operation, in order.
     *
     * @throws IllegalStateException when keys are still unprocessed after the last attempt
     */
    List<Checked> check(List<ItemOperation> written) {
        if (written.size() > MAX_KEYS_PER_CALL) {
            throw new IllegalArgumentException("at most " + MAX_KEYS_PER_CALL + " keys a check, got " + written.size());
        }
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> actual = new HashMap<>();
        List<Map<String, AttributeValue>> ask = new ArrayList<>(written.size());
        written.forEach(op -> ask.add(keys.keyOf(op.attributes())));
        int attempt = 0;
        List<Map<String, AttributeValue>> pending = ask;
        while (!pending.isEmpty()) {
            attempt++;
            if (attempt > 1) {
                backoff.sleep(attempt - 1);
            }
            List<Map<String, AttributeValue>> request = pending;
            BatchGetItemResponse r = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(table,
                    KeysAndAttributes.builder().keys(request).consistentRead(true).build())));
            for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
                actual.put(keys.identity(item), item);
            }
            KeysAndAttributes unprocessed = r.hasUnprocessedKeys() ? r.unprocessedKeys().get(table) : null;
            pending = unprocessed == null ? List.of() : unprocessed.keys();
            if (!pending.isEmpty() && attempt >= maxAttempts) {
                throw new IllegalStateException("read-back: " + pending.size() + " key(s) of table " + table
                        + " still unprocessed after " + attempt + " BatchGetItem attempts; the table is throttling reads: "
                        + "raise its read capacity and resume the restore");
            }
        }
        List<Checked> results = new ArrayList<>(written.size());
        for (int i = 0; i < written.size(); i++) {
            ItemOperation op = written.get(i);
            Map<String, AttributeValue> got = actual.get(keys.identity(op.attributes()));
            Outcome outcome;
            if (op.kind() == ItemOperation.Kind.DELETE) {
                outcome = got == null ? Outcome.EQUAL : Outcome.DIFFERENT;
            } else if (got == null) {
                outcome = Outcome.MISSING;
            } else {
                outcome = ItemEquivalence.equivalent(op.attributes(), got) ? Outcome.EQUAL : Outcome.DIFFERENT;
            }
            results.add(new Checked(outcome, ask.get(i)));
        }
        return results;
    }
}
