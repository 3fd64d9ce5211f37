package dev.ddbbackup.core.table;

import dev.ddbbackup.core.format.TableDescriptor;
import dev.ddbbackup.core.format.TableDescriptor.AttributeDefinition;
import dev.ddbbackup.core.format.TableDescriptor.KeyElement;
import dev.ddbbackup.core.format.TableDescriptor.OnDemandThroughput;
import dev.ddbbackup.core.format.TableDescriptor.Projection;
import dev.ddbbackup.core.format.TableDescriptor.SecondaryIndex;
import dev.ddbbackup.core.format.TableDescriptor.Throughput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/**
 * Captures everything needed to recreate a table: DescribeTable, DescribeTimeToLive,
 * ListTagsOfResource (all pages) and DescribeContinuousBackups.
 *
 * <p>Emulators lack some of these calls (DynamoDB Local has no tagging and no PITR). When the
 * endpoint answers that an operation is unknown or unsupported, the descriptor records it under
 * {@code unavailable} instead of failing; any other error (access denied, say) fails the capture.
 */
public final class TableSchemaReader {

    private final DynamoDbClient dynamoDb;

    public TableSchemaReader(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /**
     * Describes a table.
     *
     * @throws TableNotFoundException when it does not exist
     */
    public TableDescriptor describe(String tableName) {
        TableDescription t;
        try {
            t = dynamoDb.describeTable(b -> b.tableName(tableName)).table();
        } catch (ResourceNotFoundException e) {
            throw new TableNotFoundException(tableName);
        }
        List<String> unavailable = new ArrayList<>();

        TableDescriptor.Ttl ttl = null;
        try {
            TimeToLiveDescription d = dynamoDb.describeTimeToLive(b -> b.tableName(tableName)).timeToLiveDescription();
            ttl = new TableDescriptor.Ttl(d.attributeName(), d.timeToLiveStatusAsString());
        } catch (DynamoDbException e) {
            unavailableOrThrow(e, "ttl", unavailable);
        }

        Map<String, String> tags = new LinkedHashMap<>();
        try {
            String next = null;
            do {
                String token = next;
                ListTagsOfResourceResponse r = dynamoDb.listTagsOfResource(b -> b.resourceArn(t.tableArn()).nextToken(token));
                r.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
                next = r.nextToken();
            } while (next != null);
        } catch (DynamoDbException e) {
            unavailableOrThrow(e, "tags", unavailable);
        }

        String pitr = null;
        try {
            var cb = dynamoDb.describeContinuousBackups(b -> b.tableName(tableName)).continuousBackupsDescription();
            pitr = cb.pointInTimeRecoveryDescription() == null ? "DISABLED"
                    : cb.pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString();
        } catch (DynamoDbException e) {
            unavailableOrThrow(e, "pointInTimeRecovery", unavailable);
        }

        String billing = t.billingModeSummary() == null ? "PROVISIONED" : t.billingModeSummary().billingModeAsString();
        return new TableDescriptor(
                t.tableName(),
                t.tableArn(),
                keys(t.keySchema()),
                t.attributeDefinitions().stream()
                        .map(a -> new AttributeDefinition(a.attributeName(), a.attributeTypeAsString())).toList(),
                billing,
                "PROVISIONED".equals(billing) ? throughput(t.provisionedThroughput()) : null,
                t.onDemandThroughput() == null ? null
                        : new OnDemandThroughput(t.onDemandThroughput().maxReadRequestUnits(), t.onDemandThroughput().maxWriteRequestUnits()),
                t.globalSecondaryIndexes().stream().map(g -> new SecondaryIndex(g.indexName(), keys(g.keySchema()),
                        projection(g.projection()), "PROVISIONED".equals(billing) ? throughput(g.provisionedThroughput()) : null,
                        g.onDemandThroughput() == null ? null : new OnDemandThroughput(g.onDemandThroughput().maxReadRequestUnits(),
                                g.onDemandThroughput().maxWriteRequestUnits()))).toList(),
                t.localSecondaryIndexes().stream().map(l -> new SecondaryIndex(l.indexName(), keys(l.keySchema()),
                        projection(l.projection()), null, null)).toList(),
                t.streamSpecification() == null ? null
                        : new TableDescriptor.StreamSpec(Boolean.TRUE.equals(t.streamSpecification().streamEnabled()),
                                t.streamSpecification().streamViewTypeAsString()),
                t.sseDescription() == null ? null
                        : new TableDescriptor.Sse(t.sseDescription().statusAsString(), t.sseDescription().sseTypeAsString(),
                                t.sseDescription().kmsMasterKeyArn()),
                t.tableClassSummary() == null ? "STANDARD" : t.tableClassSummary().tableClassAsString(),
                Boolean.TRUE.equals(t.deletionProtectionEnabled()),
                ttl,
                tags,
                pitr,
                t.itemCount(),
                t.tableSizeBytes(),
                unavailable);
    }

    private static void unavailableOrThrow(DynamoDbException e, String what, List<String> unavailable) {
        if (!isUnsupportedOperation(e)) {
            throw e;
        }
        unavailable.add(what + ": " + errorMessage(e));
    }

    /** True when the endpoint says it does not implement the operation (emulators), not for real failures. */
    public static boolean isUnsupportedOperation(DynamoDbException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String msg = errorMessage(e);
        return "UnknownOperationException".equals(code)
                || msg.contains("unknown operation") || msg.contains("not currently supported") || msg.contains("not yet implemented");
    }

    private static String errorMessage(DynamoDbException e) {
        return e.awsErrorDetails() == null ? String.valueOf(e.getMessage()) : String.valueOf(e.awsErrorDetails().errorMessage());
    }

    private static List<KeyElement> keys(List<KeySchemaElement> ks) {
        return ks.stream().map(k -> new KeyElement(k.attributeName(), k.keyTypeAsString())).toList();
    }

    private static Projection projection(software.amazon.awssdk.services.dynamodb.model.Projection p) {
        return p == null ? null : new Projection(p.projectionTypeAsString(), p.hasNonKeyAttributes() ? p.nonKeyAttributes() : List.of());
    }

    private static Throughput throughput(ProvisionedThroughputDescription p) {
        return p == null ? null : new Throughput(p.readCapacityUnits() == null ? 0 : p.readCapacityUnits(),
                p.writeCapacityUnits() == null ? 0 : p.writeCapacityUnits());
    }
}
