package dev.ddbbackup.recovery;

import java.util.List;

/**
 * The outcome of one restore, stating exactly what was written. Never holds item data: keys appear only
 * in {@link ReadBackReport#exampleKeys()}.
 *
 * @param restoreId     pass it back (event {@code restore_id}, CLI {@code --resume}) to continue an INCOMPLETE restore
 * @param itemsExpected operations the source holds
 * @param itemsWritten  operations DynamoDB acknowledged in this run and the runs it resumes
 * @param finishedParts data files completely written, in the order they finished
 * @param readBack      what reading back the items of finished data files found (each item right after its write was
 *                      acknowledged), or null when the restore does not read back
 * @param settings      table settings re-applied after the data (tags, PITR, TTL), or why not
 * @param warnings      what the user must know about the source (for example float precision)
 * @param error         why the restore failed or stopped, or null
 * @param reportingErrors metrics or notifications that could not be sent; the run then counts as failed
 */
public record RestoreResult(
        String restoreId,
        Status status,
        String source,
        String format,
        String targetTable,
        boolean tableCreated,
        long itemsExpected,
        long itemsWritten,
        int partsTotal,
        List<String> finishedParts,
        ReadBackReport readBack,
        List<String> settings,
        List<String> warnings,
        String error,
        List<String> reportingErrors,
        double verifySeconds,
        double writeSeconds,
        double seconds) {

    /** SUCCEEDED: written and read back equal. INCOMPLETE: stopped for time, resumable. FAILED: see error. */
    public enum Status { SUCCEEDED, INCOMPLETE, FAILED }

    public RestoreResult {
        finishedParts = List.copyOf(finishedParts);
        settings = List.copyOf(settings);
        warnings = List.copyOf(warnings);
        reportingErrors = List.copyOf(reportingErrors);
    }

    public boolean ok() {
        return status == Status.SUCCEEDED && reportingErrors.isEmpty();
    }

    public RestoreResult withReportingErrors(List<String> errors) {
        return new RestoreResult(restoreId, status, source, format, targetTable, tableCreated, itemsExpected, itemsWritten, partsTotal,
                finishedParts, readBack, settings, warnings, error, errors, verifySeconds, writeSeconds, seconds);
    }

    /** Items written (and read back, when the restore reads back) per second of the write phase. */
    public double writeItemsPerSecond() {
        return writeSeconds > 0 ? itemsWritten / writeSeconds : 0;
    }

    /** A few lines for notifications and logs: counts, names and keys, no attribute values. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(status).append(": ").append(format).append(' ').append(source).append(" -> table ").append(targetTable)
                .append(tableCreated ? " (created)" : "").append('\n');
        b.append(String.format(java.util.Locale.ROOT, "items: %d in source, %d written; files: %d of %d finished; %.1f s%n",
                itemsExpected, itemsWritten, finishedParts.size(), partsTotal, seconds));
        if (readBack != null) {
            b.append(String.format(java.util.Locale.ROOT, "read-back: %d expected, %d found equal, %d different, %d missing (%.2f%%)%n",
                    readBack.expected(), readBack.found(), readBack.different(), readBack.missing(), readBack.validationRatePercent()));
            if (!readBack.exampleKeys().isEmpty()) {
                b.append("keys: ").append(String.join(", ", readBack.exampleKeys())).append('\n');
            }
        }
        settings.forEach(s -> b.append("setting ").append(s).append('\n'));
        warnings.forEach(w -> b.append("warning: ").append(w).append('\n'));
        if (error != null) {
            b.append("error: ").append(error).append('\n');
        }
        reportingErrors.forEach(e -> b.append("reporting: ").append(e).append('\n'));
        if (status == Status.INCOMPLETE) {
            b.append("resume with restore_id ").append(restoreId).append('\n');
        }
        return b.toString();
    }
}
