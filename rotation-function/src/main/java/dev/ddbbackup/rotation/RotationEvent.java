package dev.ddbbackup.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.event.EventJson;
import dev.ddbbackup.core.table.TableNames;
import java.util.List;

/**
 * Turns a rotation invocation event into a {@link RotationRequest}.
 *
 * <ul>
 *   <li>{@code {"TableName":"Movies"}}: seed 002's console test event and schedule input;</li>
 *   <li>{@code {"tables":["Movies","Orders"]}};</li>
 *   <li>an EventBridge scheduled-event envelope: the same fields under {@code detail}, else {@code TABLES};</li>
 *   <li>an empty event: {@code TABLES}.</li>
 * </ul>
 * Optional {@code "dry_run": true} (also under {@code detail}) reports without creating or deleting.
 * Every error is a {@link ConfigException} naming the field and the fix; nothing has been touched then.
 */
public final class RotationEvent {

    private static final String EXAMPLE = "{\"TableName\":\"Movies\"}";

    private RotationEvent() {}

    public static RotationRequest parse(byte[] event, RotationConfig config) {
        JsonNode body = EventJson.body(event, EXAMPLE);
        if (body == null) {
            return new RotationRequest(defaultTables(config), config.policy(), false);
        }
        boolean hasTableName = EventJson.has(body, "TableName");
        boolean hasTables = EventJson.has(body, "tables");
        if (hasTableName && hasTables) {
            throw new ConfigException("TableName", "give either TableName (one table) or tables (a list), not both");
        }
        List<String> names;
        if (hasTableName) {
            JsonNode tableName = body.get("TableName");
            if (!tableName.isTextual()) {
                throw new ConfigException("TableName", "must be a table name string like \"Movies\", got " + tableName.getNodeType());
            }
            names = List.of(TableNames.require("TableName", tableName.asText()));
        } else if (hasTables) {
            names = EventJson.tableNames(body, "tables", "[\"Movies\",\"Orders\"]", "TABLES");
        } else {
            names = defaultTables(config);
        }
        return new RotationRequest(names, config.policy(), EventJson.flag(body, "dry_run", false));
    }

    private static List<String> defaultTables(RotationConfig config) {
        if (config.defaultTables().isEmpty()) {
            throw new ConfigException("TableName", "no table to rotate: send {\"TableName\":\"Movies\"} or"
                    + " {\"tables\":[\"Movies\",\"Orders\"]}, or set TABLES");
        }
        return config.defaultTables();
    }
}
