package dev.ddbbackup.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.event.EventJson;
import java.util.Iterator;

/**
 * Turns an invocation event into what to do: the scheduled checks (an empty event, {@code {}}, an
 * EventBridge scheduled-event envelope, or {@code {"drill": true}} to add a restore drill, also inside the
 * envelope's {@code detail}), or the validation of an AWS Backup restore test (a {@code Restore Job State
 * Change} event from {@code aws.backup}).
 */
public final class ValidationEvent {

    static final String DRILL = "drill";
    private static final String EXAMPLE = "{} or {\"drill\": true}";

    private ValidationEvent() {}

    /** What an invocation asks for. */
    public sealed interface Command permits Scheduled, RestoreTest {}

    /** The configured checks; {@code drill} adds a restore drill whatever RESTORE_DRILL says. */
    public record Scheduled(boolean drill) implements Command {}

    /** Validate the table an AWS Backup restore testing plan restored, and report to AWS Backup. */
    public record RestoreTest(RestoreTestEvent event) implements Command {}

    public static Command parse(byte[] event) {
        JsonNode root = EventJson.root(event, EXAMPLE);
        if (root == null) {
            return new Scheduled(false);
        }
        if (root.has("detail-type") || root.has("source")) {
            String source = root.path("source").asText("");
            String type = root.path("detail-type").asText("");
            if (source.equals("aws.backup") && type.equals("Restore Job State Change")) {
                return new RestoreTest(RestoreTestEvent.fromDetail(root.get("detail")));
            }
            if (type.equals("Scheduled Event")) {
                JsonNode detail = root.get("detail");
                return new Scheduled(detail != null && detail.isObject() && EventJson.flag(detail, DRILL, "detail." + DRILL, false));
            }
            throw new ConfigException("detail-type", "'" + type + "' from '" + source + "' is not an event this function handles; "
                    + "send a scheduled event, AWS Backup's Restore Job State Change, or " + EXAMPLE);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(DRILL)) {
                throw new ConfigException("event", "unknown field '" + name + "'; the only field is \"drill\" (true or false)");
            }
        }
        return new Scheduled(EventJson.flag(root, DRILL, false));
    }
}
