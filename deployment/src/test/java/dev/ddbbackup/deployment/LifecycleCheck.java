package dev.ddbbackup.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retention rules AWS enforces only at deploy or run time, checked on the evaluated template: AWS Backup
 * keeps a recovery point in cold storage at least 90 days (DeleteAfterDays >= MoveToColdStorageAfterDays
 * + 90), a locked vault refuses recovery points whose retention lies outside its bounds, S3 expires an
 * object only after its transitions and moves objects to an infrequent-access class no sooner than 30
 * days, and an alarm evaluates at most 7 days (1 day below hourly periods).
 */
final class LifecycleCheck {

    private static final Set<String> INFREQUENT_ACCESS = Set.of("STANDARD_IA", "ONEZONE_IA");

    private LifecycleCheck() {}

    static List<String> problems(Template t, Evaluator e) {
        List<String> problems = new ArrayList<>();
        for (String id : t.resources().keySet()) {
            if (!e.exists(id)) {
                continue;
            }
            switch (t.type(id)) {
                case "AWS::Backup::BackupPlan" -> backupPlan(t, e, id, problems);
                case "AWS::S3::Bucket" -> bucket(e, id, problems);
                case "AWS::CloudWatch::Alarm" -> alarm(e, id, problems);
                default -> { }
            }
        }
        return problems;
    }

    private static void backupPlan(Template t, Evaluator e, String id, List<String> problems) {
        Map<String, Object> plan = Template.map(e.properties(id).get("BackupPlan"));
        for (Object r : (List<?>) plan.get("BackupPlanRule")) {
            Map<String, Object> rule = Template.map(r);
            String where = id + " rule " + rule.get("RuleName");
            Integer delete = backupLifecycle(rule.get("Lifecycle"), where, problems);
            for (Object c : (List<?>) rule.getOrDefault("CopyActions", List.of())) {
                backupLifecycle(Template.map(c).get("Lifecycle"), where + " copy to " + Template.map(c).get("DestinationBackupVaultArn"), problems);
            }
            vaultLock(t, e, rule.get("TargetBackupVault"), delete, where, problems);
        }
    }

    /** Checks one lifecycle; returns its DeleteAfterDays, or null when points are kept forever. */
    private static Integer backupLifecycle(Object lifecycle, String where, List<String> problems) {
        if (lifecycle == null) {
            return null;
        }
        Map<String, Object> l = Template.map(lifecycle);
        Integer cold = number(l.get("MoveToColdStorageAfterDays"));
        Integer delete = number(l.get("DeleteAfterDays"));
        if (cold != null && delete != null && delete < cold + 90) {
            problems.add(where + ": DeleteAfterDays " + delete + " is less than MoveToColdStorageAfterDays " + cold
                    + " + 90; AWS Backup keeps a recovery point in cold storage for at least 90 days");
        }
        return delete;
    }

    private static void vaultLock(Template t, Evaluator e, Object targetVault, Integer delete, String where, List<String> problems) {
        for (String vault : t.resources().keySet()) {
            if (!"AWS::Backup::BackupVault".equals(t.type(vault)) || !e.exists(vault)) {
                continue;
            }
            Map<String, Object> props = e.properties(vault);
            if (!String.valueOf(props.get("BackupVaultName")).equals(String.valueOf(targetVault)) || props.get("LockConfiguration") == null) {
                continue;
            }
            Map<String, Object> lock = Template.map(props.get("LockConfiguration"));
            Integer min = number(lock.get("MinRetentionDays"));
            Integer max = number(lock.get("MaxRetentionDays"));
            if (delete == null && max != null) {
                problems.add(where + ": keeps recovery points forever, but vault " + vault + " is locked to at most " + max + " days");
            } else if (delete != null && ((min != null && delete < min) || (max != null && delete > max))) {
                problems.add(where + ": DeleteAfterDays " + delete + " lies outside vault " + vault + "'s lock [" + min + ", " + max + "]");
            }
        }
    }

    private static void bucket(Evaluator e, String id, List<String> problems) {
        Object config = e.properties(id).get("LifecycleConfiguration");
        if (config == null) {
            return;
        }
        for (Object r : (List<?>) Template.map(config).get("Rules")) {
            Map<String, Object> rule = Template.map(r);
            String where = id + " lifecycle rule " + rule.get("Id");
            Integer expiration = number(rule.get("ExpirationInDays"));
            for (Object tr : (List<?>) rule.getOrDefault("Transitions", List.of())) {
                Map<String, Object> transition = Template.map(tr);
                Integer days = number(transition.get("TransitionInDays"));
                String storageClass = String.valueOf(transition.get("StorageClass"));
                if (days != null && INFREQUENT_ACCESS.contains(storageClass) && days < 30) {
                    problems.add(where + ": transition to " + storageClass + " after " + days + " days; S3 needs at least 30");
                }
                if (days != null && expiration != null && expiration <= days) {
                    problems.add(where + ": objects expire after " + expiration + " days, not after their transition to "
                            + storageClass + " at " + days + " days");
                }
            }
        }
    }

    private static void alarm(Evaluator e, String id, List<String> problems) {
        Map<String, Object> a = e.properties(id);
        Integer period = number(a.get("Period"));
        Integer evaluations = number(a.get("EvaluationPeriods"));
        Integer datapoints = number(a.get("DatapointsToAlarm"));
        if (period != null && evaluations != null) {
            long range = (long) period * evaluations;
            long limit = period < 3600 ? 86_400 : 604_800;
            if (range > limit) {
                problems.add(id + ": Period x EvaluationPeriods = " + range + " s, above CloudWatch's " + limit + " s");
            }
        }
        if (datapoints != null && evaluations != null && datapoints > evaluations) {
            problems.add(id + ": DatapointsToAlarm " + datapoints + " exceeds EvaluationPeriods " + evaluations);
        }
    }

    private static Integer number(Object v) {
        return v == null ? null : Integer.valueOf(String.valueOf(v));
    }
}
