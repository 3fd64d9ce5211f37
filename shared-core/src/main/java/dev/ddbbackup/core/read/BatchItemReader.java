package dev.ddbbackup.core.read;

import dev.ddbbackup.core.retry.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Gets items by key with BatchGetItem (at most 100 keys per call) and retries UnprocessedKeys with
 * full-jitter backoff until every key is answered; if some still are not after the attempt limit, it
 * fails loudly with the count. The reading counterpart of {@link dev.ddbbackup.core.write.BatchItemWriter}.
 */
public final class BatchItemReader {

    public static final int MAX_KEYS = 100;

    private final DynamoDbClient dynamoDb;
    private final Backoff backoff;
    private final int maxAttempts;

    public BatchItemReader(DynamoDbClient dynamoDb, Backoff backoff, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.dynamoDb = dynamoDb;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Returns the items found for {@code request}'s keys (with its projection and read consistency), in
     * no particular order; a key without an item has no entry.
     *
     * @throws UnprocessedKeysException when keys are still unprocessed after the last attempt
     */
    public List<Map<String, AttributeValue>> get(String table, KeysAndAttributes request) {
        if (request.keys().size() > MAX_KEYS) {
            throw new IllegalArgumentException("at most " + MAX_KEYS + " keys per call, got " + request.keys().size());
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>(request.keys().size());
        KeysAndAttributes pending = request;
        for (int attempt = 1; !pending.keys().isEmpty(); attempt++) {
            if (attempt > 1) {
                backoff.sleep(attempt - 1);
            }
            KeysAndAttributes current = pending;
            BatchGetItemResponse r = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(table, current)));
            found.addAll(r.responses().getOrDefault(table, List.of()));
            KeysAndAttributes unprocessed = r.hasUnprocessedKeys() ? r.unprocessedKeys().get(table) : null;
            pending = unprocessed == null ? KeysAndAttributes.builder().keys(List.of()).build() : unprocessed;
            if (!pending.keys().isEmpty() && attempt >= maxAttempts) {
                throw new UnprocessedKeysException(table, pending.keys().size(), attempt);
            }
        }
        return found;
    }

    /** Keys DynamoDB still left unprocessed after the attempt limit. */
    public static final class UnprocessedKeysException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String table;
        private final int count;
        private final int attempts;

        public UnprocessedKeysException(String table, int count, int attempts) {
            super(count + " key(s) of table " + table + " still unprocessed after " + attempts
                    + " BatchGetItem attempts; the table is throttling reads: raise its read capacity");
            this.table = table;
            this.count = count;
            this.attempts = attempts;
        }

        public String table() {
            return table;
        }

        public int count() {
            return count;
        }

        public int attempts() {
            return attempts;
        }
    }
}
