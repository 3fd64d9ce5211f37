package dev.ddbbackup.recovery.managed;

import static dev.ddbbackup.recovery.managed.EventFields.RESTORE_DATE_TIME;
import static dev.ddbbackup.recovery.managed.EventFields.SOURCE_TABLE;
import static dev.ddbbackup.recovery.managed.EventFields.TABLE_NAME;
import static dev.ddbbackup.recovery.managed.EventFields.TARGET_TABLE;
import static dev.ddbbackup.recovery.managed.EventFields.USE_LATEST;
import static dev.ddbbackup.recovery.managed.EventFields.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.event.EventJson;
import dev.ddbbackup.core.table.TableNames;
import java.time.Clock;
import java.time.Instant;

/**
 * What a point-in-time restore should do: restore {@code sourceTable} as it was at
 * {@code restoreDateTime} (or at the latest restorable time) into the new table {@code targetTable}.
 *
 * @param sourceTable             the table whose continuous backups are restored
 * @param targetTable             the new table; it must not exist
 * @param restoreDateTime         the point in time, or null with {@code useLatestRestorableTime}
 * @param useLatestRestorableTime restore to DynamoDB's latest restorable time (about five minutes ago)
 * @param waitForActive           wait until the new table is ACTIVE and re-apply the settings a restore
 *                                does not carry over; otherwise return as soon as the restore is accepted
 */
public record PitrRestoreRequest(String sourceTable, String targetTable, Instant restoreDateTime,
                                 boolean useLatestRestorableTime, boolean waitForActive) {

    static final String EXAMPLE = "{\"restoreType\":\"PITR\",\"source_table\":\"Orders\","
            + "\"restoreDateTime\":\"" + EventFields.ISO_EXAMPLE + "\"}";

    public PitrRestoreRequest {
        TableNames.require(SOURCE_TABLE, sourceTable);
        TableNames.require(TARGET_TABLE, targetTable);
        if (sourceTable.equals(targetTable)) {
            throw new ConfigException(TARGET_TABLE, "'" + targetTable + "' is the source table; a restore always creates"
                    + " a new table, so name a different target_table (or omit it for " + sourceTable + "-restored-<timestamp>)");
        }
        if (restoreDateTime == null && !useLatestRestorableTime) {
            throw new ConfigException(RESTORE_DATE_TIME, "is missing; give either restoreDateTime (ISO-8601, like "
                    + EventFields.ISO_EXAMPLE + ") or \"useLatestRestorableTime\":true");
        }
        if (restoreDateTime != null && useLatestRestorableTime) {
            throw new ConfigException(RESTORE_DATE_TIME, "and useLatestRestorableTime are both set; give only one:"
                    + " restoreDateTime for a chosen moment, or useLatestRestorableTime for the latest");
        }
    }

    /**
     * Reads a PITR event: {@code {"restoreType":"PITR", "table_name"|"source_table": ..., "target_table": ...,
     * "restoreDateTime": ISO-8601 | "useLatestRestorableTime": true, "wait": true}}.
     *
     * @param event              the invocation event (null or missing reads as empty)
     * @param defaultSourceTable the source when the event names none (the Lambda passes {@code SOURCE_TABLE}); may be null
     * @param clock              dates the default target name {@code {source}-restored-{yyyyMMddHHmmss}} (UTC)
     * @throws ConfigException naming the field at fault and the fix
     */
    public static PitrRestoreRequest fromEvent(JsonNode event, String defaultSourceTable, Clock clock) {
        JsonNode e = EventFields.object(event, EXAMPLE);
        EventFields.requireRestoreType(e, "PITR");
        String source = source(e, defaultSourceTable);
        String target = EventFields.text(e, TARGET_TABLE);
        if (target == null) {
            target = EventFields.restoredName(source, clock);
        }
        boolean latest = EventJson.flag(e, USE_LATEST, false);
        if (latest && EventFields.present(e, RESTORE_DATE_TIME)) {
            throw new ConfigException(RESTORE_DATE_TIME, "and useLatestRestorableTime are both set; give only one:"
                    + " restoreDateTime for a chosen moment, or useLatestRestorableTime for the latest");
        }
        Instant at = EventFields.instant(e, RESTORE_DATE_TIME);
        return new PitrRestoreRequest(source, target, at, latest, EventJson.flag(e, WAIT, true));
    }

    private static String source(JsonNode e, String defaultSourceTable) {
        String tableName = EventFields.text(e, TABLE_NAME);
        String sourceTable = EventFields.text(e, SOURCE_TABLE);
        if (tableName != null && sourceTable != null && !tableName.equals(sourceTable)) {
            throw new ConfigException(SOURCE_TABLE, "'" + sourceTable + "' differs from table_name '" + tableName
                    + "'; they name the same thing, so give only one");
        }
        if (sourceTable != null) {
            return TableNames.require(SOURCE_TABLE, sourceTable);
        }
        if (tableName != null) {
            return TableNames.require(TABLE_NAME, tableName);
        }
        if (defaultSourceTable == null || defaultSourceTable.isBlank()) {
            throw new ConfigException(SOURCE_TABLE, "is missing; name the table to restore with source_table"
                    + " (or table_name), or set SOURCE_TABLE");
        }
        return TableNames.require("SOURCE_TABLE", defaultSourceTable.trim());
    }
}
