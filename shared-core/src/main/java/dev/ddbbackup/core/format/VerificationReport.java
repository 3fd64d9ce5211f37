package dev.ddbbackup.core.format;

import java.util.List;

/**
 * What verifying a backup found: per data file, and problems with the manifests themselves.
 *
 * @param backup   the backup checked
 * @param files    one result per data file listed
 * @param problems manifest-level problems (missing or altered manifest, count mismatches)
 */
public record VerificationReport(BackupRef backup, long expectedItems, List<FileCheck> files, List<String> problems) {

    public VerificationReport {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty() && files.stream().allMatch(FileCheck::ok);
    }

    public long itemsFound() {
        return files.stream().mapToLong(FileCheck::itemsFound).sum();
    }

    public long bytesChecked() {
        return files.stream().mapToLong(FileCheck::bytesRead).sum();
    }

    /** Every problem, manifest-level first, each naming its object. */
    public List<String> allProblems() {
        return java.util.stream.Stream.concat(problems.stream(),
                files.stream().filter(f -> !f.ok()).map(f -> f.key() + ": " + f.problem())).toList();
    }

    /** One data file's result; {@code problem} is null when it matched its manifest entry. */
    public record FileCheck(String key, long itemsExpected, long itemsFound, long bytesRead, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }
}
