package dev.ddbbackup.recovery;

import dev.ddbbackup.core.format.TableDescriptor;
import dev.ddbbackup.core.format.TableDescriptor.SecondaryIndex;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.table.TableSchemaReader;
import dev.ddbbackup.core.time.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Recreates a table from the descriptor a backup recorded, and after the data is in, re-applies the
 * settings that must come last: tags, point-in-time recovery and TTL (TTL last, because it starts
 * deleting items whose expiry time has already passed).
 *
 * <p>On an endpoint that does not implement a setting's API (DynamoDB Local has no tagging or PITR),
 * the setting is reported as not applied instead of failing the restore.
 */
public final class TableCreator {

    private static final int PITR_ENABLE_ATTEMPTS = 10;

    private final DynamoDbClient dynamoDb;

    public TableCreator(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /**
     * Creates {@code name} with the recorded keys, attribute definitions, billing mode and throughput,
     * indexes, stream, encryption, table class and deletion protection, and waits until it is ACTIVE.
     *
     * @param deletionProtection overrides the recorded setting when not null (scratch tables are deletable)
     */
    public void create(String name, TableDescriptor t, Boolean deletionProtection, Deadline deadline) {
        boolean provisioned = "PROVISIONED".equals(t.billingMode());
        CreateTableRequest.Builder b = CreateTableRequest.builder()
                .tableName(name)
                .keySchema(keys(t.keySchema()))
                .attributeDefinitions(t.attributeDefinitions().stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a.attributeName()).attributeType(a.attributeType()).build())
                        .toList())
                .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST)
                .deletionProtectionEnabled(deletionProtection != null ? deletionProtection : t.deletionProtectionEnabled());
        if (provisioned) {
            b.provisionedThroughput(throughput(t.provisionedThroughput()));
        } else if (t.onDemandThroughput() != null && hasLimits(t.onDemandThroughput())) {
            b.onDemandThroughput(onDemand(t.onDemandThroughput()));
        }
        if (!t.globalSecondaryIndexes().isEmpty()) {
            List<GlobalSecondaryIndex> gsis = new ArrayList<>();
            for (SecondaryIndex g : t.globalSecondaryIndexes()) {
                GlobalSecondaryIndex.Builder gb = GlobalSecondaryIndex.builder().indexName(g.indexName())
                        .keySchema(keys(g.keySchema())).projection(projection(g.projection()));
                if (provisioned) {
                    gb.provisionedThroughput(throughput(g.provisionedThroughput()));
                } else if (g.onDemandThroughput() != null && hasLimits(g.onDemandThroughput())) {
                    gb.onDemandThroughput(onDemand(g.onDemandThroughput()));
                }
                gsis.add(gb.build());
            }
            b.globalSecondaryIndexes(gsis);
        }
        if (!t.localSecondaryIndexes().isEmpty()) {
            b.localSecondaryIndexes(t.localSecondaryIndexes().stream().map(l -> LocalSecondaryIndex.builder()
                    .indexName(l.indexName()).keySchema(keys(l.keySchema())).projection(projection(l.projection())).build()).toList());
        }
        if (t.streamSpecification() != null && t.streamSpecification().streamEnabled()) {
            b.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(t.streamSpecification().streamViewType()).build());
        }
        if (t.sse() != null && "KMS".equals(t.sse().sseType()) && isOn(t.sse().status())) {
            // The recorded key ARN: a customer managed key keeps protecting the restored data; an AWS managed key ARN works too.
            b.sseSpecification(SSESpecification.builder().enabled(true).sseType("KMS").kmsMasterKeyId(t.sse().kmsMasterKeyArn()).build());
        }
        if (t.tableClass() != null && !"STANDARD".equals(t.tableClass())) {
            b.tableClass(t.tableClass());
        }
        dynamoDb.createTable(b.build());
        waitActive(name, deadline);
    }

    /** Waits until the table exists and is ACTIVE, polling every 2 s, for at most the time left before the deadline. */
    public void waitActive(String name, Deadline deadline) {
        long maxMillis = Math.max(10_000, Math.min(deadline.millisBeforeMargin(), Duration.ofMinutes(30).toMillis()));
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .waitTimeout(Duration.ofMillis(maxMillis))
                        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofSeconds(2)))
                        .maxAttempts(Integer.MAX_VALUE)
                        .build())
                .build()) {
            waiter.waitUntilTableExists(r -> r.tableName(name)).matched().exception().ifPresent(e -> {
                throw new IllegalStateException("table " + name + " did not become ACTIVE: " + e.getMessage(), e);
            });
        }
    }

    /**
     * Re-applies tags, point-in-time recovery and TTL as the descriptor records them. Returns one line
     * per setting: what was applied, or why not.
     */
    public List<String> applySettingsAfterData(String name, String tableArn, TableDescriptor t, Deadline deadline) {
        List<String> report = new ArrayList<>();
        if (!t.tags().isEmpty()) {
            report.add(apply("tags", () -> dynamoDb.tagResource(r -> r.resourceArn(tableArn)
                    .tags(t.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())),
                    t.tags().size() + " tag(s)"));
        } else if (t.unavailable().stream().anyMatch(u -> u.startsWith("tags"))) {
            report.add("tags: not applied, the backup could not read them");
        }
        if ("ENABLED".equals(t.pointInTimeRecoveryStatus())) {
            report.add(apply("pointInTimeRecovery", () -> enablePointInTimeRecovery(name, null, Backoff.DEFAULT, deadline), "enabled"));
        }
        if (t.ttl() != null && t.ttl().attributeName() != null && isOn(t.ttl().status())) {
            report.add(apply("ttl", () -> dynamoDb.updateTimeToLive(r -> r.tableName(name)
                    .timeToLiveSpecification(s -> s.attributeName(t.ttl().attributeName()).enabled(true))),
                    "enabled on attribute " + t.ttl().attributeName()));
        }
        return report;
    }

    /**
     * Turns point-in-time recovery on, retrying while DynamoDB answers that continuous backups are not
     * yet available (as it does right after a table becomes ACTIVE), up to 10 attempts or the deadline.
     *
     * @param days the recovery period, or null for DynamoDB's default (35 days)
     */
    public void enablePointInTimeRecovery(String table, Integer days, Backoff poll, Deadline deadline) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.updateContinuousBackups(b -> b.tableName(table)
                        .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(days)));
                return;
            } catch (ContinuousBackupsUnavailableException e) {
                if (attempt >= PITR_ENABLE_ATTEMPTS || deadline.isNear()) {
                    throw e;
                }
                poll.sleep(attempt);
            }
        }
    }

    private static String apply(String what, Runnable call, String done) {
        try {
            call.run();
            return what + ": " + done;
        } catch (DynamoDbException e) {
            if (TableSchemaReader.isUnsupportedOperation(e)) {
                return what + ": not applied, the endpoint does not support it";
            }
            throw e;
        }
    }

    private static boolean isOn(String status) {
        return "ENABLED".equals(status) || "ENABLING".equals(status) || "UPDATING".equals(status);
    }

    private static boolean hasLimits(TableDescriptor.OnDemandThroughput o) {
        return (o.maxReadRequestUnits() != null && o.maxReadRequestUnits() > 0)
                || (o.maxWriteRequestUnits() != null && o.maxWriteRequestUnits() > 0);
    }

    private static OnDemandThroughput onDemand(TableDescriptor.OnDemandThroughput o) {
        return OnDemandThroughput.builder().maxReadRequestUnits(o.maxReadRequestUnits()).maxWriteRequestUnits(o.maxWriteRequestUnits()).build();
    }

    private static List<KeySchemaElement> keys(List<TableDescriptor.KeyElement> ks) {
        return ks.stream().map(k -> KeySchemaElement.builder().attributeName(k.attributeName()).keyType(k.keyType()).build()).toList();
    }

    private static ProvisionedThroughput throughput(TableDescriptor.Throughput t) {
        long r = t == null ? 5 : Math.max(1, t.readCapacityUnits());
        long w = t == null ? 5 : Math.max(1, t.writeCapacityUnits());
        return ProvisionedThroughput.builder().readCapacityUnits(r).writeCapacityUnits(w).build();
    }

    private static Projection projection(TableDescriptor.Projection p) {
        if (p == null) {
            return Projection.builder().projectionType("ALL").build();
        }
        Projection.Builder b = Projection.builder().projectionType(p.projectionType());
        if (!p.nonKeyAttributes().isEmpty()) {
            b.nonKeyAttributes(p.nonKeyAttributes());
        }
        return b.build();
    }
}
