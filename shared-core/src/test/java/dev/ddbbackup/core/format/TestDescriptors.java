package dev.ddbbackup.core.format;

import java.util.List;
import java.util.Map;

/** Table descriptors for tests. */
public final class TestDescriptors {

    private TestDescriptors() {}

    public static TableDescriptor simple(String table) {
        return new TableDescriptor(table, "arn:aws:dynamodb:us-east-1:000000000000:table/" + table,
                List.of(new TableDescriptor.KeyElement("pk", "HASH")),
                List.of(new TableDescriptor.AttributeDefinition("pk", "S")),
                "PAY_PER_REQUEST", null, null, List.of(), List.of(), null, null, "STANDARD", false, null, Map.of(), null,
                0L, 0L, List.of());
    }
}
