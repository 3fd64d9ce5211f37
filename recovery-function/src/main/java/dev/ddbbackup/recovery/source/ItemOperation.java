package dev.ddbbackup.recovery.source;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One write a restore applies: put a whole item, or delete the item with these key attributes
 * (incremental exports).
 */
public record ItemOperation(Kind kind, Map<String, AttributeValue> attributes) {

    /** Put replaces the whole item; delete removes the item whose key {@code attributes} holds. */
    public enum Kind { PUT, DELETE }

    public ItemOperation {
        if (kind == null || attributes == null || attributes.isEmpty()) {
            throw new IllegalArgumentException("an operation needs a kind and attributes");
        }
    }

    public static ItemOperation put(Map<String, AttributeValue> item) {
        return new ItemOperation(Kind.PUT, item);
    }

    public static ItemOperation delete(Map<String, AttributeValue> key) {
        return new ItemOperation(Kind.DELETE, key);
    }
}
