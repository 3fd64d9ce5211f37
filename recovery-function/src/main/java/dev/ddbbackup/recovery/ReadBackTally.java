package dev.ddbbackup.recovery;

import dev.ddbbackup.core.codec.DynamoDbJsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Counts read-back outcomes, keeping at most {@link ReadBackReport#MAX_EXAMPLES} example keys (keys only). */
final class ReadBackTally {

    private long found;
    private long different;
    private long missing;
    private final List<String> examples = new ArrayList<>();

    /** Starts from what earlier runs of a resumed restore found, or from nothing. */
    ReadBackTally(ReadBackReport earlier) {
        if (earlier != null) {
            add(earlier);
        }
    }

    synchronized void add(ReadBackChecker.Outcome outcome, Map<String, AttributeValue> key) {
        switch (outcome) {
            case EQUAL -> found++;
            case DIFFERENT -> {
                different++;
                example(DynamoDbJsonCodec.toJson(key));
            }
            case MISSING -> {
                missing++;
                example(DynamoDbJsonCodec.toJson(key));
            }
        }
    }

    synchronized void add(ReadBackReport r) {
        found += r.found();
        different += r.different();
        missing += r.missing();
        r.exampleKeys().forEach(this::example);
    }

    synchronized ReadBackReport report() {
        return new ReadBackReport(found + different + missing, found, different, missing, examples);
    }

    private void example(String key) {
        if (examples.size() < ReadBackReport.MAX_EXAMPLES) {
            examples.add(key);
        }
    }
}
