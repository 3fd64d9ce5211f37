package dev.ddbbackup.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.table.TableNames;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code detail} of the EventBridge event AWS Backup sends when a restore job started by a restore
 * testing plan changes state ({@code source} {@code aws.backup}, {@code detail-type}
 * {@code Restore Job State Change}); the rule that invokes the function matches {@code status} COMPLETED,
 * {@code resourceType} DynamoDB and an existing {@code restoreTestingPlanArn}.
 *
 * @param restoreJobId          the job to report the validation result to
 * @param status                the job's status (COMPLETED when there is a table to check)
 * @param createdResourceArn    ARN of the table the job restored, or null when the job did not complete
 * @param sourceResourceArn     ARN of the table the recovery point was taken from, or null when the event omits it
 * @param restoreTestingPlanArn the restore testing plan that started the job
 * @param statusMessage         AWS Backup's message for a job that did not complete, or null
 */
public record RestoreTestEvent(String restoreJobId, String status, String createdResourceArn, String sourceResourceArn,
                               String restoreTestingPlanArn, String statusMessage) {

    private static final Pattern TABLE_ARN = Pattern.compile("arn:aws[a-z-]*:dynamodb:[a-z0-9-]*:\\d{12}:table/([^/]+)");

    public RestoreTestEvent {
        if (restoreJobId == null || restoreJobId.isBlank()) {
            throw new ConfigException("detail.restoreJobId", "is missing; the event must be AWS Backup's Restore Job State Change");
        }
        if (status == null || status.isBlank()) {
            throw new ConfigException("detail.status", "is missing; the event must be AWS Backup's Restore Job State Change");
        }
        status = status.toUpperCase(Locale.ROOT);
        if (restoreTestingPlanArn == null || restoreTestingPlanArn.isBlank()) {
            throw new ConfigException("detail.restoreTestingPlanArn", "is missing: only restore jobs started by a restore testing plan "
                    + "are validated; match \"restoreTestingPlanArn\": [{\"exists\": true}] in the EventBridge rule");
        }
        // Fields are assigned after the compact constructor, so completed() cannot be asked here.
        if (status.equals("COMPLETED")) {
            if (createdResourceArn == null || createdResourceArn.isBlank()) {
                throw new ConfigException("detail.createdResourceArn", "is missing from a COMPLETED restore job; it names the restored table");
            }
            tableOf("detail.createdResourceArn", createdResourceArn);
        }
        if (sourceResourceArn != null && !sourceResourceArn.isBlank()) {
            tableOf("detail.sourceResourceArn", sourceResourceArn);
        } else {
            sourceResourceArn = null;
        }
    }

    /** Reads the {@code detail} object of a Restore Job State Change event. */
    public static RestoreTestEvent fromDetail(JsonNode detail) {
        if (detail == null || !detail.isObject()) {
            throw new ConfigException("detail", "is missing; the event must be AWS Backup's Restore Job State Change");
        }
        String resourceType = text(detail, "resourceType");
        if (resourceType != null && !resourceType.equals("DynamoDB")) {
            throw new ConfigException("detail.resourceType", "is '" + resourceType + "'; this function validates DynamoDB restores "
                    + "only; match \"resourceType\": [\"DynamoDB\"] in the EventBridge rule");
        }
        return new RestoreTestEvent(text(detail, "restoreJobId"), text(detail, "status"), text(detail, "createdResourceArn"),
                text(detail, "sourceResourceArn"), text(detail, "restoreTestingPlanArn"), text(detail, "statusMessage"));
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    /** The table the job restored; only for a COMPLETED job. */
    public String restoredTable() {
        if (!completed()) {
            throw new IllegalStateException("restore job " + restoreJobId + " is " + status + ": it restored no table");
        }
        return tableOf("detail.createdResourceArn", createdResourceArn);
    }

    /** The table the recovery point was taken from, when the event names it. */
    public Optional<String> sourceTable() {
        return sourceResourceArn == null ? Optional.empty() : Optional.of(tableOf("detail.sourceResourceArn", sourceResourceArn));
    }

    /** The table results are reported under: the source when known, else the restored table, else the job id. */
    public String reportedTable() {
        return sourceTable().orElseGet(() -> completed() ? restoredTable() : "restore-job-" + restoreJobId);
    }

    private static String tableOf(String field, String arn) {
        Matcher m = TABLE_ARN.matcher(arn);
        if (!m.matches()) {
            throw new ConfigException(field, "'" + arn + "' is not a DynamoDB table ARN (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME)");
        }
        return TableNames.require(field, m.group(1));
    }

    private static String text(JsonNode detail, String field) {
        JsonNode n = detail.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new ConfigException("detail." + field, "must be a string, got " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String v = n.asText().trim();
        return v.isEmpty() ? null : v;
    }
}
