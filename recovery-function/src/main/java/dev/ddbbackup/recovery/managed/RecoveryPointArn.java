package dev.ddbbackup.recovery.managed;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.table.TableNames;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recovery point ARN that AWS Backup can restore a DynamoDB table from, checked before any call.
 *
 * <p>Two shapes exist: recovery points in a backup vault (tables under full AWS Backup management),
 * {@code arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45},
 * and DynamoDB's own backups that AWS Backup lists as recovery points,
 * {@code arn:aws:dynamodb:us-east-1:123456789012:table/Orders/backup/01700000000000-a1b2c3d4}. Only the
 * second names the table that was backed up.
 */
public final class RecoveryPointArn {

    /** The event field that carries the ARN, named in every error. */
    public static final String FIELD = "recoveryPointArn";

    static final String EXPECTED = "expected arn:aws:backup:REGION:ACCOUNT:recovery-point:ID"
            + " (for example arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45)"
            + " or arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/backup/ID"
            + " (for example arn:aws:dynamodb:us-east-1:123456789012:table/Orders/backup/01700000000000-a1b2c3d4)";

    // Partitions: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, ...; regions such as us-east-1, us-gov-west-1.
    private static final String PREFIX = "arn:(aws(?:-[a-z]+)*):%s:([a-z]{2}(?:-[a-z]+)+-\\d{1,2}):(\\d{12}):";
    private static final Pattern BACKUP_VAULT = Pattern.compile(
            String.format(PREFIX, "backup") + "recovery-point:([A-Za-z0-9][A-Za-z0-9-]{0,127})");
    private static final Pattern DYNAMODB = Pattern.compile(
            String.format(PREFIX, "dynamodb") + "table/(" + TableNames.REGEX + ")/backup/([A-Za-z0-9][A-Za-z0-9-]{0,127})");

    private final String value;
    private final String region;
    private final String accountId;
    private final String table;

    private RecoveryPointArn(String value, String region, String accountId, String table) {
        this.value = value;
        this.region = region;
        this.accountId = accountId;
        this.table = table;
    }

    /**
     * Parses an ARN of either shape.
     *
     * @throws ConfigException naming {@value #FIELD} and the expected shapes when it is neither
     */
    public static RecoveryPointArn parse(String arn) {
        if (arn == null || arn.isBlank()) {
            throw new ConfigException(FIELD, "is missing; " + EXPECTED);
        }
        String trimmed = arn.trim();
        Matcher vault = BACKUP_VAULT.matcher(trimmed);
        if (vault.matches()) {
            return new RecoveryPointArn(trimmed, vault.group(2), vault.group(3), null);
        }
        Matcher dynamo = DYNAMODB.matcher(trimmed);
        if (dynamo.matches()) {
            return new RecoveryPointArn(trimmed, dynamo.group(2), dynamo.group(3), dynamo.group(4));
        }
        throw new ConfigException(FIELD, "'" + trimmed + "' is not a recovery point ARN; " + EXPECTED);
    }

    /** The ARN as AWS Backup expects it. */
    public String value() {
        return value;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    /** The table that was backed up, known only for the DynamoDB shape. */
    public Optional<String> sourceTable() {
        return Optional.ofNullable(table);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecoveryPointArn other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
