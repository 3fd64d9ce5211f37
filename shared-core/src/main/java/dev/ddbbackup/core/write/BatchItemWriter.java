package dev.ddbbackup.core.write;

import dev.ddbbackup.core.rate.CapacityLimiter;
import dev.ddbbackup.core.retry.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes items with BatchWriteItem (at most 25 per call) and retries UnprocessedItems with full-jitter
 * backoff until every item is written; if they still are not written after the attempt limit, it fails
 * loudly with the count. Never drops an item.
 *
 * <p>With a {@link CapacityLimiter} it asks for the consumed capacity of every call and charges it, so
 * parallel writers together stay under a write-capacity cap.
 */
public final class BatchItemWriter {

    public static final int MAX_BATCH = 25;

    private final DynamoDbClient dynamoDb;
    private final Backoff backoff;
    private final int maxAttempts;
    private final CapacityLimiter limiter;

    public BatchItemWriter(DynamoDbClient dynamoDb, Backoff backoff, int maxAttempts) {
        this(dynamoDb, backoff, maxAttempts, null);
    }

    /** A writer whose calls are charged to {@code limiter}; null for no cap. */
    public BatchItemWriter(DynamoDbClient dynamoDb, Backoff backoff, int maxAttempts, CapacityLimiter limiter) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.dynamoDb = dynamoDb;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.limiter = limiter;
    }

    /** Puts up to 25 items; returns the number of BatchWriteItem calls it took. */
    public int put(String table, List<Map<String, AttributeValue>> items) {
        if (items.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " items per batch, got " + items.size());
        }
        List<WriteRequest> pending = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        return write(table, pending);
    }

    /** Writes up to 25 requests, retrying unprocessed ones; returns the number of calls it took. */
    public int write(String table, List<WriteRequest> requests) {
        List<WriteRequest> pending = requests;
        int attempt = 0;
        while (!pending.isEmpty()) {
            attempt++;
            if (attempt > 1) {
                backoff.sleep(attempt - 1);
            }
            List<WriteRequest> batch = pending;
            BatchWriteItemResponse r = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, batch))
                    .returnConsumedCapacity(limiter == null ? ReturnConsumedCapacity.NONE : ReturnConsumedCapacity.TOTAL));
            charge(r, batch.size());
            List<WriteRequest> unprocessed = r.hasUnprocessedItems() ? r.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            if (!unprocessed.isEmpty() && attempt >= maxAttempts) {
                throw new UnprocessedItemsException(table, unprocessed.size(), attempt);
            }
            pending = unprocessed;
        }
        return attempt;
    }

    private void charge(BatchWriteItemResponse r, int requests) {
        if (limiter == null) {
            return;
        }
        // An endpoint that reports no consumed capacity is charged one unit per request: the cap still holds for small items.
        double units = r.hasConsumedCapacity()
                ? r.consumedCapacity().stream().mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits()).sum()
                : requests;
        try {
            limiter.consumed(units);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for write capacity", e);
        }
    }

    /** Items DynamoDB kept returning as unprocessed until the attempt limit. */
    public static final class UnprocessedItemsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnprocessedItemsException(String table, int count, int attempts) {
            super(count + " item(s) for table " + table + " still unprocessed after " + attempts
                    + " BatchWriteItem attempts; the table is throttling: raise its write capacity or lower the write rate");
        }
    }
}
