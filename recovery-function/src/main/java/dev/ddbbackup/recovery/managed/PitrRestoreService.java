package dev.ddbbackup.recovery.managed;

import static dev.ddbbackup.recovery.managed.EventFields.RESTORE_DATE_TIME;
import static dev.ddbbackup.recovery.managed.EventFields.SOURCE_TABLE;
import static dev.ddbbackup.recovery.managed.EventFields.TARGET_TABLE;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.format.TableDescriptor;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.table.TableNotFoundException;
import dev.ddbbackup.core.table.TableSchemaReader;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.recovery.TableCreator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.InvalidRestoreTimeException;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * Restores a table from its continuous backups (point-in-time recovery) into a new table, and
 * re-applies what such a restore does not carry over.
 *
 * <p>RestoreTableToPointInTime brings back the data, indexes, capacity and encryption, but not TTL,
 * tags, the stream setting or point-in-time recovery itself (nor auto scaling, IAM policies and
 * alarms, which this service leaves to the table's owner). When asked to wait, it polls DescribeTable
 * until the new table is ACTIVE and then sets those four from the source table's current settings.
 * It checks everything it can before the restore, so bad input fails with a
 * {@link ConfigException} and changes nothing: point-in-time recovery enabled on the source, the
 * requested time inside the restorable window, the target table absent.
 *
 * <p>IAM: dynamodb:DescribeContinuousBackups, DescribeTable, DescribeTimeToLive, ListTagsOfResource
 * on the source; RestoreTableToPointInTime (plus the item-level read/write actions DynamoDB checks for
 * restores); DescribeTable, UpdateTimeToLive, TagResource, UpdateContinuousBackups, UpdateTable on the
 * target.
 */
public final class PitrRestoreService {

    /** Polling while the table is created: 1 s base, 15 s cap, full jitter. */
    public static final Backoff DEFAULT_POLL = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));

    private static final Logger LOG = LoggerFactory.getLogger(PitrRestoreService.class);
    // DescribeTable may not see a table right after its restore started; after this many misses in a row it is gone.
    private static final int NOT_FOUND_LIMIT = 5;

    private final DynamoDbClient dynamoDb;
    private final TableSchemaReader schemaReader;
    private final Backoff poll;
    private final Clock clock;

    /**
     * @param dynamoDb the client for the source's and target's account and region
     * @param poll     delays between DescribeTable polls; keep its cap below the deadline's margin
     * @param clock    measures the run
     */
    public PitrRestoreService(DynamoDbClient dynamoDb, Backoff poll, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.schemaReader = new TableSchemaReader(dynamoDb);
        this.poll = poll;
        this.clock = clock;
    }

    /**
     * Runs a restore.
     *
     * @param deadline bounds the wait for ACTIVE; when it comes first the result says CREATING
     * @throws ConfigException        when PITR is off on the source, the time is outside the window or the target exists (nothing changed)
     * @throws TableNotFoundException when the source table does not exist (nothing changed)
     */
    public PitrRestoreResult restore(PitrRestoreRequest request, Deadline deadline) {
        Instant started = clock.instant();
        String source = request.sourceTable();
        String target = request.targetTable();

        PointInTimeRecoveryDescription pitr = continuousBackups(source);
        checkRestorable(request, pitr);
        requireAbsent(target);
        TableDescriptor sourceSettings = schemaReader.describe(source);
        List<Setting> settings = settingsToReapply(sourceSettings, pitr, deadline);
        List<String> unreadable = sourceSettings.unavailable().stream()
                .map(u -> u + " (not read from the source, so not re-applied)").toList();

        TableDescription restored = startRestore(request);
        Instant restoredTo = restored.restoreSummary() != null && restored.restoreSummary().restoreDateTime() != null
                ? restored.restoreSummary().restoreDateTime() : request.restoreDateTime();
        LOG.debug("PITR restore of {} into {} started (point in time {})", source, target,
                restoredTo == null ? "latest" : restoredTo);

        if (!request.waitForActive()) {
            return result(request, restored.tableArn(), restoredTo, PitrRestoreResult.Status.CREATING, started,
                    List.of(), pendingAll(settings, "not re-applied: the run did not wait for ACTIVE", unreadable),
                    "restore of " + source + " into " + target + " started; the table is CREATING. Once it is ACTIVE,"
                            + " apply the settings listed as pending");
        }

        Awaited awaited = awaitActive(target, deadline);
        if (awaited.gone()) {
            return result(request, restored.tableArn(), restoredTo, PitrRestoreResult.Status.FAILED, started,
                    List.of(), pendingAll(settings, "not re-applied: the table is gone", unreadable),
                    "table " + target + " disappeared while being restored; DynamoDB abandoned the restore of " + source
                            + " (see CloudTrail for RestoreTableToPointInTime)");
        }
        TableDescription active = awaited.table();
        if (active == null || active.tableStatus() != TableStatus.ACTIVE) {
            return result(request, restored.tableArn(), restoredTo, PitrRestoreResult.Status.CREATING, started,
                    List.of(), pendingAll(settings, "not re-applied: out of time before the table was ACTIVE", unreadable),
                    "restore of " + source + " into " + target + " is still "
                            + (active == null ? "not visible" : active.tableStatusAsString())
                            + " and this run is out of time; check " + target + " later and apply the pending settings");
        }

        List<String> reapplied = new ArrayList<>();
        List<String> pending = new ArrayList<>(unreadable);
        for (Setting s : settings) {
            try {
                s.apply().accept(active);
                reapplied.add(s.description());
            } catch (SdkException e) {
                LOG.debug("could not re-apply {} to {}: {}", s.description(), target, ErrorText.firstLine(e));
                pending.add(s.description() + ": " + ErrorText.firstLine(e));
            }
        }
        String message = "restored " + source + " into " + target + (reapplied.isEmpty() ? "" : "; re-applied " + String.join(", ", reapplied))
                + (pending.isEmpty() ? "" : "; NOT re-applied: " + String.join("; ", pending))
                + ". Not handled: " + PitrRestoreResult.NOT_HANDLED;
        return result(request, active.tableArn(), restoredTo, PitrRestoreResult.Status.ACTIVE, started, reapplied, pending, message);
    }

    private PointInTimeRecoveryDescription continuousBackups(String source) {
        try {
            PointInTimeRecoveryDescription d = dynamoDb.describeContinuousBackups(b -> b.tableName(source))
                    .continuousBackupsDescription().pointInTimeRecoveryDescription();
            if (d == null || d.pointInTimeRecoveryStatus() != PointInTimeRecoveryStatus.ENABLED) {
                throw new ConfigException(SOURCE_TABLE, "point-in-time recovery is not enabled on table '" + source
                        + "' (status " + (d == null ? "unknown" : d.pointInTimeRecoveryStatusAsString())
                        + "); enable it (UpdateContinuousBackups or PointInTimeRecoverySpecification in the template)."
                        + " Restores are possible only to times after it was enabled");
            }
            return d;
        } catch (software.amazon.awssdk.services.dynamodb.model.TableNotFoundException | ResourceNotFoundException e) {
            throw new TableNotFoundException(source);
        }
    }

    private static void checkRestorable(PitrRestoreRequest request, PointInTimeRecoveryDescription pitr) {
        Instant at = request.restoreDateTime();
        Instant earliest = pitr.earliestRestorableDateTime();
        Instant latest = pitr.latestRestorableDateTime();
        // Without a window DynamoDB decides; its InvalidRestoreTimeException is translated in startRestore.
        if (at == null || earliest == null || latest == null) {
            return;
        }
        if (at.isBefore(earliest) || at.isAfter(latest)) {
            throw new ConfigException(RESTORE_DATE_TIME, at + " is outside the restorable window of table '"
                    + request.sourceTable() + "': " + earliest + " (EarliestRestorableDateTime) to " + latest
                    + " (LatestRestorableDateTime); choose a time inside it, or use \"useLatestRestorableTime\":true");
        }
    }

    private void requireAbsent(String target) {
        try {
            dynamoDb.describeTable(b -> b.tableName(target));
        } catch (ResourceNotFoundException e) {
            return;
        }
        throw new ConfigException(TARGET_TABLE, "table '" + target + "' already exists; a restore always creates a new"
                + " table, so choose another target_table or delete '" + target + "' first");
    }

    private TableDescription startRestore(PitrRestoreRequest request) {
        try {
            return dynamoDb.restoreTableToPointInTime(b -> {
                b.sourceTableName(request.sourceTable()).targetTableName(request.targetTable());
                if (request.useLatestRestorableTime()) {
                    b.useLatestRestorableTime(true);
                } else {
                    b.restoreDateTime(request.restoreDateTime());
                }
            }).tableDescription();
        } catch (TableAlreadyExistsException e) {
            throw new ConfigException(TARGET_TABLE, "table '" + request.targetTable() + "' already exists (created"
                    + " meanwhile); choose another target_table");
        } catch (InvalidRestoreTimeException e) {
            throw new ConfigException(RESTORE_DATE_TIME, "DynamoDB refused " + request.restoreDateTime() + ": "
                    + ErrorText.firstLine(e) + "; choose a time inside the restorable window or use useLatestRestorableTime");
        } catch (PointInTimeRecoveryUnavailableException e) {
            throw new ConfigException(SOURCE_TABLE, "point-in-time recovery of '" + request.sourceTable()
                    + "' is unavailable: " + ErrorText.firstLine(e));
        } catch (software.amazon.awssdk.services.dynamodb.model.TableNotFoundException e) {
            throw new TableNotFoundException(request.sourceTable());
        }
    }

    /** Polls until the table is ACTIVE, the deadline comes, or the table is gone. */
    private Awaited awaitActive(String target, Deadline deadline) {
        // Not the SDK's table waiter: it needs a fixed timeout, while the Lambda deadline is a remaining-time check.
        TableDescription last = null;
        int notFound = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                last = dynamoDb.describeTable(b -> b.tableName(target)).table();
                notFound = 0;
                if (last.tableStatus() == TableStatus.ACTIVE) {
                    return new Awaited(last, false);
                }
            } catch (ResourceNotFoundException e) {
                if (++notFound >= NOT_FOUND_LIMIT) {
                    return new Awaited(null, true);
                }
            }
            if (deadline.isNear()) {
                return new Awaited(last, false);
            }
            poll.sleep(attempt);
        }
    }

    private List<Setting> settingsToReapply(TableDescriptor src, PointInTimeRecoveryDescription pitr, Deadline deadline) {
        List<Setting> settings = new ArrayList<>();
        TableDescriptor.Ttl ttl = src.ttl();
        if (ttl != null && ttl.attributeName() != null
                && ("ENABLED".equals(ttl.status()) || "ENABLING".equals(ttl.status()))) {
            settings.add(new Setting("ttl (" + ttl.attributeName() + ")", t -> dynamoDb.updateTimeToLive(b -> b
                    .tableName(t.tableName())
                    .timeToLiveSpecification(s -> s.enabled(true).attributeName(ttl.attributeName())))));
        }
        if (!src.tags().isEmpty()) {
            List<Tag> tags = src.tags().entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            settings.add(new Setting("tags (" + tags.size() + ")",
                    t -> dynamoDb.tagResource(b -> b.resourceArn(t.tableArn()).tags(tags))));
        }
        Integer days = pitr.recoveryPeriodInDays();
        settings.add(new Setting("pointInTimeRecovery" + (days == null ? "" : " (" + days + " days)"),
                t -> new TableCreator(dynamoDb).enablePointInTimeRecovery(t.tableName(), days, poll, deadline)));
        TableDescriptor.StreamSpec stream = src.streamSpecification();
        if (stream != null && stream.streamEnabled()) {
            // Last: UpdateTable puts the table in UPDATING, which the other calls do not need.
            settings.add(new Setting("stream (" + stream.streamViewType() + ")", t -> dynamoDb.updateTable(b -> b
                    .tableName(t.tableName())
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(stream.streamViewType())))));
        }
        return settings;
    }

    private static List<String> pendingAll(List<Setting> settings, String reason, List<String> unreadable) {
        List<String> pending = new ArrayList<>(unreadable);
        settings.forEach(s -> pending.add(s.description() + ": " + reason));
        return pending;
    }

    private PitrRestoreResult result(PitrRestoreRequest request, String arn, Instant restoredTo, PitrRestoreResult.Status status,
                                     Instant started, List<String> reapplied, List<String> pending, String message) {
        long seconds = Duration.between(started, clock.instant()).toSeconds();
        LOG.debug("PITR restore {} -> {}: {} in {} s, re-applied {}, pending {}", request.sourceTable(), request.targetTable(),
                status, seconds, reapplied, pending);
        return new PitrRestoreResult(request.sourceTable(), request.targetTable(), arn, restoredTo, status, seconds,
                reapplied, pending, message);
    }

    /** What polling saw last: the table (null if never seen), or that it is gone. */
    private record Awaited(TableDescription table, boolean gone) {}

    /** One source setting to set on the restored table. */
    private record Setting(String description, Consumer<TableDescription> apply) {}
}
