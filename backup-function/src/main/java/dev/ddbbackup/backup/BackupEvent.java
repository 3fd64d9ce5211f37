package dev.ddbbackup.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.event.EventJson;
import java.util.List;

/**
 * Turns an invocation event into a {@link BackupRequest}: {@code {"tables":[...]}} (seed 000), an
 * EventBridge scheduled-event envelope (tables from {@code detail.tables}, else {@code TABLES}), or an
 * empty event (tables from {@code TABLES}).
 */
public final class BackupEvent {

    private static final String EXAMPLE = "{\"tables\":[\"MyTable\"]}";

    private BackupEvent() {}

    public static BackupRequest parse(byte[] event, BackupConfig config) {
        JsonNode body = EventJson.body(event, EXAMPLE);
        List<String> tables = EventJson.has(body, "tables")
                ? EventJson.tableNames(body, "tables", "[\"Orders\",\"Users\"]", "TABLES")
                : config.defaultTables();
        return new BackupRequest(tables, config.bucket(), config.layout(), config.segments());
    }
}
