package dev.ddbbackup.validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.backup.model.BackupJob;
import software.amazon.awssdk.services.backup.model.BackupJobState;

/**
 * Judges one table's AWS Backup jobs of the window.
 *
 * <p>FAIL when no job COMPLETED; WARN when one did but the window also holds FAILED, ABORTED, EXPIRED or
 * PARTIAL jobs, or the only COMPLETED jobs completed with issues; PASS otherwise. "Completed with issues"
 * is what the AWS Backup console shows for a COMPLETED job whose MessageCategory is not SUCCESS (or, for
 * jobs without a category, that carries a status message). Jobs still running are mentioned, never judged.
 */
final class BackupJobVerdict {

    /** Problem jobs described in a reason; the rest are counted. */
    static final int MAX_LISTED = 5;
    private static final int MAX_MESSAGE = 160;

    private BackupJobVerdict() {}

    static CheckResult judge(String table, List<BackupJob> jobs, Duration window) {
        List<BackupJob> newestFirst = new ArrayList<>(jobs);
        newestFirst.sort(Comparator.comparing(BackupJob::creationDate, Comparator.nullsLast(Comparator.reverseOrder())));
        List<BackupJob> clean = new ArrayList<>();
        List<BackupJob> withIssues = new ArrayList<>();
        List<BackupJob> failed = new ArrayList<>();
        int running = 0;
        for (BackupJob j : newestFirst) {
            BackupJobState state = j.state();
            if (state == BackupJobState.COMPLETED) {
                (completedWithIssues(j) ? withIssues : clean).add(j);
            } else if (state == BackupJobState.FAILED || state == BackupJobState.ABORTED || state == BackupJobState.EXPIRED
                    || state == BackupJobState.PARTIAL) {
                failed.add(j);
            } else {
                running++;
            }
        }
        String span = "in the last " + Durations.human(window);
        List<String> problems = new ArrayList<>();
        newestFirst.stream().filter(j -> failed.contains(j) || withIssues.contains(j)).limit(MAX_LISTED)
                .forEach(j -> problems.add(describe(j)));
        int unlisted = failed.size() + withIssues.size() - problems.size();
        if (unlisted > 0) {
            problems.add("and " + unlisted + " more");
        }
        String stillRunning = running == 0 ? "" : "; " + running + " job(s) still in progress";
        if (clean.isEmpty() && withIssues.isEmpty()) {
            if (jobs.isEmpty()) {
                return CheckResult.fail(Check.AWS_BACKUP_JOBS, table, "no AWS Backup job " + span
                        + "; is the table selected by a backup plan that runs at least that often?");
            }
            return CheckResult.fail(Check.AWS_BACKUP_JOBS, table, "no COMPLETED AWS Backup job " + span
                    + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)) + stillRunning);
        }
        BackupJob latest = (clean.isEmpty() ? withIssues : clean).get(0);
        String completed = "COMPLETED job " + latest.backupJobId() + " created " + latest.creationDate() + " ("
                + (clean.size() + withIssues.size()) + " COMPLETED " + span + ")";
        if (!problems.isEmpty()) {
            String counts = counts(failed, withIssues);
            return CheckResult.warn(Check.AWS_BACKUP_JOBS, table, completed + ", but " + counts + ": " + String.join("; ", problems)
                    + stillRunning);
        }
        return CheckResult.pass(Check.AWS_BACKUP_JOBS, table, completed + stillRunning);
    }

    /** COMPLETED with a MessageCategory other than SUCCESS; without a category, COMPLETED with a status message. */
    static boolean completedWithIssues(BackupJob j) {
        if (j.state() != BackupJobState.COMPLETED) {
            return false;
        }
        String category = j.messageCategory();
        if (category != null && !category.isBlank()) {
            return !category.equalsIgnoreCase("SUCCESS");
        }
        return j.statusMessage() != null && !j.statusMessage().isBlank();
    }

    private static String counts(List<BackupJob> failed, List<BackupJob> withIssues) {
        List<String> parts = new ArrayList<>();
        for (BackupJobState s : List.of(BackupJobState.FAILED, BackupJobState.ABORTED, BackupJobState.EXPIRED, BackupJobState.PARTIAL)) {
            long n = failed.stream().filter(j -> j.state() == s).count();
            if (n > 0) {
                parts.add(n + " " + s);
            }
        }
        if (!withIssues.isEmpty()) {
            parts.add(withIssues.size() + " completed with issues");
        }
        return String.join(", ", parts);
    }

    private static String describe(BackupJob j) {
        String what = j.state() == BackupJobState.COMPLETED
                ? "COMPLETED with issues" + (j.messageCategory() == null ? "" : " (" + j.messageCategory() + ")")
                : j.stateAsString();
        String message = j.statusMessage() == null || j.statusMessage().isBlank() ? "" : ": " + shorten(j.statusMessage());
        return what + " job " + j.backupJobId() + " created " + j.creationDate() + message;
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
