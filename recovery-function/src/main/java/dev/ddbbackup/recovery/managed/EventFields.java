package dev.ddbbackup.recovery.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ddbbackup.core.config.ConfigException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Typed reads of the managed-restore event fields, each error naming the field and the fix.
 *
 * <p>Booleans are read by {@link dev.ddbbackup.core.event.EventJson#flag}, which also takes the strings
 * {@code "true"} and {@code "false"}, because CloudFormation passes custom-resource properties as strings.
 */
final class EventFields {

    static final String RESTORE_TYPE = "restoreType";
    static final String TABLE_NAME = "table_name";
    static final String SOURCE_TABLE = "source_table";
    static final String TARGET_TABLE = "target_table";
    static final String RESTORE_DATE_TIME = "restoreDateTime";
    static final String USE_LATEST = "useLatestRestorableTime";
    static final String WAIT = "wait";

    static final String ISO_EXAMPLE = "2026-11-21T01:00:00Z";

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_TABLE_NAME = 255;

    private EventFields() {}

    /** The event as an object; a missing event reads as an empty one. */
    static JsonNode object(JsonNode event, String example) {
        if (event == null || event.isNull() || event.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!event.isObject()) {
            throw new ConfigException("event", "must be a JSON object like " + example);
        }
        return event;
    }

    /** Fails unless {@code restoreType} is absent or names {@code expected}. */
    static void requireRestoreType(JsonNode event, String expected) {
        String type = text(event, RESTORE_TYPE);
        if (type != null && !type.equalsIgnoreCase(expected)) {
            throw new ConfigException(RESTORE_TYPE, "is '" + type + "' but this is the " + expected
                    + " restore; send \"restoreType\":\"" + expected + "\"");
        }
    }

    /** A string field, or null when absent, null or blank. */
    static String text(JsonNode event, String field) {
        JsonNode n = event.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new ConfigException(field, "must be a string, got " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String v = n.asText().trim();
        return v.isEmpty() ? null : v;
    }

    /** True when the field is present with a non-null, non-blank value. */
    static boolean present(JsonNode event, String field) {
        JsonNode n = event.get(field);
        return n != null && !n.isNull() && !(n.isTextual() && n.asText().isBlank());
    }

    /** An ISO-8601 instant with a zone: {@code 2026-11-21T01:00:00Z} or {@code 2026-11-21T02:00:00+01:00}. */
    static Instant instant(JsonNode event, String field) {
        String v = text(event, field);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConfigException(field, "'" + v + "' is not an ISO-8601 date-time with a zone; use the shape "
                    + ISO_EXAMPLE + " (UTC) or 2026-11-21T02:00:00+01:00");
        }
    }

    /** {@code {table}-restored-{yyyyMMddHHmmss}} in UTC, the default name of a restored table. */
    static String restoredName(String table, Clock clock) {
        String name = table + "-restored-" + SUFFIX.format(clock.instant());
        if (name.length() > MAX_TABLE_NAME) {
            throw new ConfigException(TARGET_TABLE, "is missing and '" + table + "-restored-<timestamp>' would exceed "
                    + MAX_TABLE_NAME + " characters; pass target_table");
        }
        return name;
    }
}
