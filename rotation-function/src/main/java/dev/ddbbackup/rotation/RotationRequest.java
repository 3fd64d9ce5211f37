package dev.ddbbackup.rotation;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.table.TableNames;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One rotation run: which tables, under which retention policy, and whether only to report.
 *
 * @param dryRun create nothing, delete nothing: report which existing backups a real run would delete
 */
public record RotationRequest(List<String> tables, RetentionPolicy policy, boolean dryRun) {

    /** Validates everything before any call is made, so bad input changes nothing. */
    public RotationRequest {
        if (tables == null || tables.isEmpty()) {
            throw new ConfigException("tables", "no tables to rotate; send {\"TableName\":\"Movies\"} or set TABLES");
        }
        tables = List.copyOf(new LinkedHashSet<>(tables));
        for (String t : tables) {
            TableNames.require("tables", t);
        }
        if (policy == null) {
            throw new IllegalArgumentException("a rotation needs a retention policy");
        }
    }
}
