package dev.ddbbackup.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.table.TableNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of a function's invocation event, the same way for every function: a constant
 * input object, or an EventBridge scheduled-event envelope whose {@code detail} holds the same
 * fields. Every error is a {@link ConfigException} naming the field and showing the expected shape.
 */
public final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {}

    /**
     * The event's fields: the object itself, or the {@code detail} of a scheduled-event envelope
     * ({@code detail-type} and {@code source} present). Null for an empty event, {@code null}, or an
     * envelope without a detail object: the function then uses its environment.
     *
     * @param example the shape to show in errors, e.g. {@code {"tables":["Orders"]}}
     */
    public static JsonNode body(byte[] event, String example) {
        JsonNode root = root(event, example);
        if (root == null) {
            return null;
        }
        if (isEnvelope(root)) {
            JsonNode detail = root.get("detail");
            return detail != null && detail.isObject() ? detail : null;
        }
        return root;
    }

    /**
     * The whole event as a JSON object, or null for an empty event or {@code null}; for functions that
     * tell EventBridge events apart by {@code source} and {@code detail-type}.
     */
    public static JsonNode root(byte[] event, String example) {
        if (event.length == 0) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (JsonProcessingException e) {
            throw new ConfigException("event", "is not valid JSON (" + e.getOriginalMessage() + "); send " + example
                    + " or an EventBridge event");
        } catch (IOException e) {
            throw new ConfigException("event", "could not be read: " + e.getMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return null;
        }
        if (!root.isObject()) {
            throw new ConfigException("event", "must be a JSON object like " + example);
        }
        return root;
    }

    /** An EventBridge event: {@code detail-type} and {@code source} present. */
    public static boolean isEnvelope(JsonNode root) {
        return root.has("detail-type") && root.has("source");
    }

    /** True when {@code field} holds a value other than JSON null. */
    public static boolean has(JsonNode body, String field) {
        return body != null && body.hasNonNull(field);
    }

    /** A non-empty array of valid table names. */
    public static List<String> tableNames(JsonNode body, String field, String example, String envVar) {
        JsonNode node = body.get(field);
        if (!node.isArray()) {
            throw new ConfigException(field, "must be an array of table names like " + example);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new ConfigException(field, "every entry must be a table name string, got " + n.getNodeType());
            }
            out.add(TableNames.require(field, n.asText()));
        }
        if (out.isEmpty()) {
            throw new ConfigException(field, "is empty; list at least one table, or omit it to use " + envVar);
        }
        return out;
    }

    /**
     * A boolean: JSON true/false, or the strings "true"/"false" because CloudFormation passes
     * custom-resource properties and console-typed inputs often arrive as strings; {@code absent}
     * when the field is missing, null or a blank string.
     *
     * @param name how errors name the field (for example {@code detail.drill})
     */
    public static boolean flag(JsonNode body, String field, String name, boolean absent) {
        if (!has(body, field)) {
            return absent;
        }
        JsonNode n = body.get(field);
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            switch (n.asText().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                case "":
                    return absent;
                default:
                    break;
            }
        }
        throw new ConfigException(name, "must be true or false, got " + n);
    }

    /** {@link #flag(JsonNode, String, String, boolean)} naming the field as it is. */
    public static boolean flag(JsonNode body, String field, boolean absent) {
        return flag(body, field, field, absent);
    }
}
