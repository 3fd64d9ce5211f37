package dev.ddbbackup.validation;

import dev.ddbbackup.core.read.BatchItemReader;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.recovery.KeySchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Check 6: what "the restored table is usable" means for a table AWS Backup restore testing restored:
 * <ol>
 *   <li>it exists and is ACTIVE;</li>
 *   <li>its key schema equals the source table's (when the event names a source that still exists);</li>
 *   <li>a full scan, page by page, reads every item and finds its key attributes with the key's types;</li>
 *   <li>it holds at least {@link RestoreTestOptions#minItems()} items;</li>
 *   <li>up to {@link RestoreTestOptions#sampleKeys()} keys of the source table are looked up in the copy;
 *       missing ones are a WARN, not a FAIL, since they may have been written after the recovery point.</li>
 * </ol>
 * Reasons carry counts, table and attribute names, never item values.
 */
final class RestoredTableValidator {

    private static final int MAX_ATTEMPTS = 10;

    private final DynamoDbClient dynamoDb;
    private final RestoreTestOptions options;
    private final BatchItemReader reader;

    RestoredTableValidator(DynamoDbClient dynamoDb, RestoreTestOptions options, Backoff backoff) {
        this.dynamoDb = dynamoDb;
        this.options = options;
        this.reader = new BatchItemReader(dynamoDb, backoff, MAX_ATTEMPTS);
    }

    CheckResult validate(RestoreTestEvent event, Deadline deadline) {
        String reported = event.reportedTable();
        String restored = event.restoredTable();
        TableDescription table;
        try {
            table = dynamoDb.describeTable(b -> b.tableName(restored)).table();
        } catch (ResourceNotFoundException e) {
            return CheckResult.fail(Check.RESTORE_TEST, reported, "restored table " + restored + " does not exist");
        }
        if (table.tableStatus() != TableStatus.ACTIVE) {
            return CheckResult.fail(Check.RESTORE_TEST, reported, "restored table " + restored + " is " + table.tableStatusAsString()
                    + ", not ACTIVE");
        }
        KeySchema key = KeySchema.of(table);
        List<String> notes = new ArrayList<>();
        KeySchema sourceKey = null;
        String source = event.sourceTable().orElse(null);
        if (source != null) {
            try {
                sourceKey = KeySchema.of(dynamoDb.describeTable(b -> b.tableName(source)).table());
                if (!sourceKey.sameAs(key)) {
                    return CheckResult.fail(Check.RESTORE_TEST, reported, "restored table " + restored + " has key (" + key
                            + "), but source table " + source + " has (" + sourceKey + ")");
                }
                notes.add("key (" + key + ") matches source " + source);
            } catch (ResourceNotFoundException e) {
                notes.add("source table " + source + " no longer exists, so key schema and keys were not compared");
            }
        }

        long items = 0;
        long badKeys = 0;
        String firstProblem = null;
        for (ScanResponse page : dynamoDb.scanPaginator(b -> b.tableName(restored))) {
            for (Map<String, AttributeValue> item : page.items()) {
                items++;
                String problem = key.problem(item);
                if (problem != null) {
                    badKeys++;
                    firstProblem = firstProblem == null ? problem : firstProblem;
                }
            }
            if (deadline.isNear() && page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) {
                return CheckResult.fail(Check.RESTORE_TEST, reported, "ran out of run time after scanning " + items + " items of "
                        + restored);
            }
        }
        if (badKeys > 0) {
            return CheckResult.fail(Check.RESTORE_TEST, reported, badKeys + " of " + items + " items of " + restored
                    + " do not fit the table's key (first: " + firstProblem + ")");
        }
        if (items < options.minItems()) {
            return CheckResult.fail(Check.RESTORE_TEST, reported, "restored table " + restored + " holds " + items
                    + " items, fewer than the " + options.minItems() + " required (RESTORE_TEST_MIN_ITEMS)");
        }
        notes.add(0, "restored table " + restored + " is ACTIVE");
        notes.add("scanned all " + items + " items, each with its key attributes");
        if (sourceKey != null && options.sampleKeys() > 0) {
            int[] sampled = sample(source, restored, sourceKey);
            int missing = sampled[0] - sampled[1];
            String line = sampled[1] + " of " + sampled[0] + " sampled source keys found in the copy";
            if (missing > 0) {
                notes.add(line + "; " + missing + " missing (written after the recovery point, or lost)");
                return CheckResult.warn(Check.RESTORE_TEST, reported, String.join("; ", notes));
            }
            notes.add(line);
        }
        return CheckResult.pass(Check.RESTORE_TEST, reported, String.join("; ", notes));
    }

    /** Looks up the first keys of the source in the restored table; returns {sampled, found}. */
    private int[] sample(String source, String restored, KeySchema key) {
        Map<String, String> names = new HashMap<>();
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < key.attributes().size(); i++) {
            names.put("#k" + i, key.attributes().get(i).name());
            placeholders.add("#k" + i);
        }
        String projection = String.join(", ", placeholders);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamoDb.scan(b -> b.tableName(source).projectionExpression(projection).expressionAttributeNames(names)
                    .limit(options.sampleKeys() - keys.size()).exclusiveStartKey(from));
            page.items().forEach(item -> keys.add(key.keyOf(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && keys.size() < options.sampleKeys());
        int found = 0;
        for (int i = 0; i < keys.size(); i += BatchItemReader.MAX_KEYS) {
            found += found(restored, keys.subList(i, Math.min(keys.size(), i + BatchItemReader.MAX_KEYS)), projection, names);
        }
        return new int[] {keys.size(), found};
    }

    private int found(String table, List<Map<String, AttributeValue>> keys, String projection, Map<String, String> names) {
        return reader.get(table, KeysAndAttributes.builder().keys(keys).projectionExpression(projection).expressionAttributeNames(names)
                .build()).size();
    }
}
