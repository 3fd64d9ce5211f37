package dev.ddbbackup.validation;

import dev.ddbbackup.core.metrics.Metric;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.recovery.cfn.RestoreTest;
import dev.ddbbackup.recovery.cfn.RestoreTestOutcome;
import dev.ddbbackup.recovery.cfn.RestoreTestRequest;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Check 5: the recovery function's restore drill ({@link dev.ddbbackup.recovery.RestoreDrill}) on the latest
 * S3 backup: restored into a new scratch table {@code {table}-restore-test-*} through the recovery service,
 * every item read back and compared, the scratch table deleted. The time it took is the measured RTO.
 */
final class RestoreDrillCheck {

    private final RestoreTest drill;
    private final Clock clock;

    RestoreDrillCheck(RestoreTest drill, Clock clock) {
        this.drill = drill;
        this.clock = clock;
    }

    /** Publishes {@code DrillRtoSeconds} for the table when the drill passed. */
    CheckResult check(String table, ValidationPlan.S3Target target, Deadline deadline, Consumer<Metric> metrics) {
        RestoreTestRequest request = new RestoreTestRequest(table, target.bucket(), target.layout().prefix(),
                RestoreTestRequest.scratchTableName(table, clock.instant()));
        RestoreTestOutcome outcome = drill.run(request, deadline);
        if (outcome.passed()) {
            metrics.accept(Metric.of("DrillRtoSeconds", outcome.seconds(), "Seconds", "TableName", table));
            return CheckResult.pass(Check.RESTORE_DRILL, table, String.format(Locale.ROOT,
                    "%s in %.1f s (RTO) into scratch table %s, since deleted", outcome.reason(), outcome.seconds(), outcome.scratchTable()));
        }
        // Counts only mean something once items were read back; a refused restore compared nothing.
        boolean compared = outcome.itemsFound() + outcome.itemsDifferent() + outcome.itemsMissing() > 0;
        return CheckResult.fail(Check.RESTORE_DRILL, table, String.format(Locale.ROOT, "%s (scratch table %s%s)", outcome.reason(),
                outcome.scratchTable(), compared ? String.format(Locale.ROOT, "; %d of %d items equal, %d different, %d missing",
                        outcome.itemsFound(), outcome.itemsExpected(), outcome.itemsDifferent(), outcome.itemsMissing()) : ""));
    }
}
