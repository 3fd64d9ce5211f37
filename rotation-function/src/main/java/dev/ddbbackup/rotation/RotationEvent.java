package dev.ddbbackup.rotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.table.TableNames;
import java.io.IOException;
import java.util.ArrayList;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private RotationEvent() {}

    public static RotationRequest parse(byte[] event, RotationConfig config) {
        JsonNode root = readTree(event);
        JsonNode body = null;
        if (root != null && !root.isNull() && !root.isMissingNode()) {
            if (!root.isObject()) {
                throw new ConfigException("event", "must be a JSON object like {\"TableName\":\"Movies\"}");
            }
            boolean envelope = root.has("detail-type") && root.has("source");
            body = envelope ? root.get("detail") : root;
        }
        if (body == null || !body.isObject()) {
            return new RotationRequest(defaultTables(config), config.policy(), false);
        }
        JsonNode tableName = body.get("TableName");
        JsonNode tables = body.get("tables");
        boolean hasTableName = tableName != null && !tableName.isNull();
        boolean hasTables = tables != null && !tables.isNull();
        if (hasTableName && hasTables) {
            throw new ConfigException("TableName", "give either TableName (one table) or tables (a list), not both");
        }
        List<String> names;
        if (hasTableName) {
            if (!tableName.isTextual()) {
                throw new ConfigException("TableName", "must be a table name string like \"Movies\", got " + tableName.getNodeType());
            }
            names = List.of(TableNames.require("TableName", tableName.asText()));
        } else if (hasTables) {
            names = tableList(tables);
        } else {
            names = defaultTables(config);
        }
        return new RotationRequest(names, config.policy(), dryRun(body));
    }

    private static List<String> defaultTables(RotationConfig config) {
        if (config.defaultTables().isEmpty()) {
            throw new ConfigException("TableName", "no table to rotate: send {\"TableName\":\"Movies\"} or"
                    + " {\"tables\":[\"Movies\",\"Orders\"]}, or set TABLES");
        }
        return config.defaultTables();
    }

    private static boolean dryRun(JsonNode body) {
        JsonNode n = body.get("dry_run");
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new ConfigException("dry_run", "must be true or false (a JSON boolean), got " + n);
        }
        return n.booleanValue();
    }

    private static List<String> tableList(JsonNode node) {
        if (!node.isArray()) {
            throw new ConfigException("tables", "must be an array of table names like [\"Movies\",\"Orders\"]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new ConfigException("tables", "every entry must be a table name string, got " + n.getNodeType());
            }
            out.add(TableNames.require("tables", n.asText()));
        }
        if (out.isEmpty()) {
            throw new ConfigException("tables", "is empty; list at least one table, or omit it to use TABLES");
        }
        return out;
    }

    private static JsonNode readTree(byte[] event) {
        if (event.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(event);
        } catch (JsonProcessingException e) {
            throw new ConfigException("event", "is not valid JSON (" + e.getOriginalMessage()
                    + "); send {\"TableName\":\"Movies\"} or an EventBridge scheduled event");
        } catch (IOException e) {
            throw new ConfigException("event", "could not be read: " + e.getMessage());
        }
    }
}
