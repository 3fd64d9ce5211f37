package dev.ddbbackup.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parameter values the template is evaluated under: its defaults, existing tables, every option on, and the smallest numbers it allows. */
final class ParameterSets {

    static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";

    private ParameterSets() {}

    static Map<String, Map<String, String>> all(Template t) {
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        sets.put("defaults", Map.of());
        sets.put("existing tables", existingTables());
        sets.put("every option on", everything());
        sets.put("smallest numbers", smallestNumbers(t));
        SamConfig.environments().forEach((env, overrides) -> sets.put("samconfig " + env, overrides));
        return sets;
    }

    static Map<String, String> existingTables() {
        return Map.of("ProtectedTableNames", "Orders,Customers");
    }

    static Map<String, String> everything() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ProtectedTableNames", "Orders,Customers");
        p.put("TableKmsKeyArns", KEY);
        p.put("BackupBucketName", "team-dynamodb-backups");
        p.put("BackupPrefix", "prod/dynamodb-backups");
        p.put("BackupBucketKmsKeyArn", KEY);
        p.put("BackupMaxReadCapacityFraction", "0.5");
        p.put("EnableObjectLock", "true");
        p.put("ObjectLockMode", "COMPLIANCE");
        p.put("EnableCrossAccountReplication", "true");
        p.put("ReplicationDestinationBucketArn", "arn:aws:s3:::databunker-backups");
        p.put("ReplicationDestinationAccountId", "210987654321");
        p.put("ReplicationDestinationKmsKeyArn", "arn:aws:kms:us-east-1:210987654321:key/99999999-8888-7777-6666-555555555555");
        p.put("BackupVaultKmsKeyArn", KEY);
        p.put("DrVaultArn", "arn:aws:backup:us-west-2:123456789012:backup-vault:ddb-backup-vault-dr");
        p.put("BackupSelectionTagKey", "backup");
        p.put("BackupSelectionTagValue", "daily");
        p.put("EnableVaultLock", "true");
        p.put("NotificationEmail", "ops@example.com");
        p.put("SuccessNotificationEmail", "reports@example.com");
        p.put("RunRestoreTestOnDeploy", "true");
        p.put("RestoreTestTableName", "Customers");
        return p;
    }

    /** Every Number parameter at its MinValue: what the lifecycle checks must survive. */
    static Map<String, String> smallestNumbers(Template t) {
        Map<String, String> p = new LinkedHashMap<>(existingTables());
        t.parameters().forEach((name, d) -> {
            Map<String, Object> def = Template.map(d);
            if ("Number".equals(def.get("Type")) && def.get("MinValue") != null) {
                p.put(name, String.valueOf(def.get("MinValue")));
            }
        });
        return p;
    }
}
