package dev.ddbbackup.core.format;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to recreate a table, as captured at backup time and stored in the manifest.
 *
 * <p>{@code unavailable} lists what the endpoint could not report (for example tags on DynamoDB
 * Local), so a restore knows the difference between "none" and "unknown".
 */
public record TableDescriptor(
        String name,
        String arn,
        List<KeyElement> keySchema,
        List<AttributeDefinition> attributeDefinitions,
        String billingMode,
        Throughput provisionedThroughput,
        OnDemandThroughput onDemandThroughput,
        List<SecondaryIndex> globalSecondaryIndexes,
        List<SecondaryIndex> localSecondaryIndexes,
        StreamSpec streamSpecification,
        Sse sse,
        String tableClass,
        boolean deletionProtectionEnabled,
        Ttl ttl,
        Map<String, String> tags,
        String pointInTimeRecoveryStatus,
        Long itemCountEstimate,
        Long sizeBytesEstimate,
        List<String> unavailable) {

    public TableDescriptor {
        keySchema = List.copyOf(keySchema);
        attributeDefinitions = List.copyOf(attributeDefinitions);
        globalSecondaryIndexes = globalSecondaryIndexes == null ? List.of() : List.copyOf(globalSecondaryIndexes);
        localSecondaryIndexes = localSecondaryIndexes == null ? List.of() : List.copyOf(localSecondaryIndexes);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        unavailable = unavailable == null ? List.of() : List.copyOf(unavailable);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("table name is required");
        }
        if (keySchema.isEmpty()) {
            throw new IllegalArgumentException("key schema is required");
        }
    }

    /** One key attribute: name and HASH or RANGE. */
    public record KeyElement(String attributeName, String keyType) {}

    /** An attribute's scalar type: S, N or B. */
    public record AttributeDefinition(String attributeName, String attributeType) {}

    /** Provisioned read and write capacity units. */
    public record Throughput(long readCapacityUnits, long writeCapacityUnits) {}

    /** On-demand maximum request units, when set. */
    public record OnDemandThroughput(Long maxReadRequestUnits, Long maxWriteRequestUnits) {}

    /** Projection type and, for INCLUDE, the projected attributes. */
    public record Projection(String projectionType, List<String> nonKeyAttributes) {
        public Projection {
            nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
        }
    }

    /** A global or local secondary index; throughput only for provisioned GSIs. */
    public record SecondaryIndex(String indexName, List<KeyElement> keySchema, Projection projection,
                                 Throughput provisionedThroughput, OnDemandThroughput onDemandThroughput) {
        public SecondaryIndex {
            keySchema = List.copyOf(keySchema);
        }
    }

    /** DynamoDB Streams setting. */
    public record StreamSpec(boolean streamEnabled, String streamViewType) {}

    /** Server-side encryption: status, type (AES256 or KMS) and key ARN. */
    public record Sse(String status, String sseType, String kmsMasterKeyArn) {}

    /** Time to live: attribute name and status (ENABLED, DISABLED, ...). */
    public record Ttl(String attributeName, String status) {}
}
