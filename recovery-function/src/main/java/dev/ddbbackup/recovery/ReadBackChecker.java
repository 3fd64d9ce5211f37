package dev.ddbbackup.recovery;

import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.read.BatchItemReader;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.recovery.source.ItemOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads written operations back from the table by key ({@link BatchItemReader}: strongly consistent, at
 * most 100 keys a call, unprocessed keys retried with backoff) and compares each with what was written: a put
 * must be present and equal (numbers numerically, sets unordered), a delete must be absent.
 *
 * <p>{@link LaneWriter} calls it for every acknowledged batch, so every item is checked, not a sample,
 * and without reading the source a second time.
 */
final class ReadBackChecker {

    static final int MAX_KEYS_PER_CALL = BatchItemReader.MAX_KEYS;

    /** What reading one operation back found. */
    enum Outcome { EQUAL, DIFFERENT, MISSING }

    /** One operation's outcome, with the key it was read by (for the examples of a report). */
    record Checked(Outcome outcome, Map<String, AttributeValue> key) {}

    private final BatchItemReader reader;
    private final String table;
    private final KeySchema keys;

    ReadBackChecker(DynamoDbClient dynamoDb, Backoff backoff, int maxAttempts, String table, KeySchema keys) {
        this.reader = new BatchItemReader(dynamoDb, backoff, maxAttempts);
        this.table = table;
        this.keys = keys;
    }

    /**
     * Checks operations of distinct keys; returns one result per operation, in order.
     *
     * @throws IllegalStateException when keys are still unprocessed after the last attempt
     */
    List<Checked> check(List<ItemOperation> written) {
        List<Map<String, AttributeValue>> ask = new ArrayList<>(written.size());
        written.forEach(op -> ask.add(keys.keyOf(op.attributes())));
        List<Map<String, AttributeValue>> items;
        try {
            items = reader.get(table, KeysAndAttributes.builder().keys(ask).consistentRead(true).build());
        } catch (BatchItemReader.UnprocessedKeysException e) {
            throw new IllegalStateException("read-back: " + e.getMessage() + " and resume the restore", e);
        }
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> actual = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            actual.put(keys.identity(item), item);
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
