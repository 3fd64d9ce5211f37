package dev.ddbbackup.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.core.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an invocation event into a {@link BackupRequest}: {@code {"tables":[...]}} (seed 000), an
 * EventBridge scheduled-event envelope (tables from {@code detail.tables}, else {@code TABLES}), or an
 * empty event (tables from {@code TABLES}).
 */
public final class BackupEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BackupEvent() {}

    public static BackupRequest parse(byte[] event, BackupConfig config) {
        JsonNode root = readTree(event);
        JsonNode tablesNode = null;
        if (root != null && !root.isNull()) {
            if (!root.isObject()) {
                throw new ConfigException("event", "must be a JSON object like {\"tables\":[\"MyTable\"]}");
            }
            if (root.has("detail-type") && root.has("source")) {
                JsonNode detail = root.get("detail");
                tablesNode = detail != null && detail.isObject() ? detail.get("tables") : null;
            } else {
                tablesNode = root.get("tables");
            }
        }
        List<String> tables;
        if (tablesNode == null || tablesNode.isNull()) {
            tables = config.defaultTables();
        } else {
            tables = tableList(tablesNode);
        }
        return new BackupRequest(tables, config.bucket(), config.layout(), config.segments());
    }

    private static List<String> tableList(JsonNode node) {
        if (!node.isArray()) {
            throw new ConfigException("tables", "must be an array of table names like [\"Orders\",\"Users\"]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new ConfigException("tables", "every entry must be a table name string, got " + n.getNodeType());
            }
            out.add(n.asText());
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
                    + "); send {\"tables\":[\"MyTable\"]} or an EventBridge scheduled event");
        } catch (java.io.IOException e) {
            throw new ConfigException("event", "could not be read: " + e.getMessage());
        }
    }
}
