package dev.ddbbackup.validation;

import dev.ddbbackup.core.metrics.Metric;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;

/**
 * Check 3: point-in-time recovery is ENABLED on the table (DescribeContinuousBackups) and its
 * LatestRestorableDateTime is no further behind now than allowed; DynamoDB keeps it about five minutes
 * behind, so a bigger lag means recent writes could not be restored.
 */
final class PitrCheck {

    private final DynamoDbClient dynamoDb;
    private final Clock clock;

    PitrCheck(DynamoDbClient dynamoDb, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.clock = clock;
    }

    /** Publishes {@code PitrLagSeconds} for the table when PITR is on. */
    CheckResult check(String table, Duration maxLag, Consumer<Metric> metrics) {
        PointInTimeRecoveryDescription d = dynamoDb.describeContinuousBackups(b -> b.tableName(table))
                .continuousBackupsDescription().pointInTimeRecoveryDescription();
        String status = d == null || d.pointInTimeRecoveryStatusAsString() == null ? "DISABLED" : d.pointInTimeRecoveryStatusAsString();
        if (!status.equals("ENABLED")) {
            return CheckResult.fail(Check.PITR, table, "point-in-time recovery is " + status
                    + "; enable it (PointInTimeRecoverySpecification in the template, or UpdateContinuousBackups)");
        }
        Instant latest = d.latestRestorableDateTime();
        if (latest == null) {
            return CheckResult.fail(Check.PITR, table, "point-in-time recovery is ENABLED but reports no LatestRestorableDateTime");
        }
        Duration lag = Duration.between(latest, clock.instant());
        if (lag.isNegative()) {
            lag = Duration.ZERO;
        }
        metrics.accept(Metric.of("PitrLagSeconds", lag.toMillis() / 1000.0, "Seconds", "TableName", table));
        String window = "restorable from " + d.earliestRestorableDateTime() + " to " + latest
                + (d.recoveryPeriodInDays() == null ? "" : " (recovery period " + d.recoveryPeriodInDays() + " days)");
        if (lag.compareTo(maxLag) > 0) {
            return CheckResult.fail(Check.PITR, table, "LatestRestorableDateTime " + latest + " is " + Durations.human(lag)
                    + " behind, more than the " + Durations.human(maxLag) + " allowed; " + window);
        }
        return CheckResult.pass(Check.PITR, table, "ENABLED, " + Durations.human(lag) + " behind (allowed: "
                + Durations.human(maxLag) + "); " + window);
    }
}
