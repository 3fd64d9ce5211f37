package dev.ddbbackup.rotation;

import java.util.List;

/**
 * The outcome of a rotation run: one result per table, plus problems reporting it (notification or
 * metrics failures), which also fail the run.
 */
public record RotationRunResult(List<TableRotationResult> tables, List<String> reportingErrors) {

    public RotationRunResult {
        tables = List.copyOf(tables);
        reportingErrors = List.copyOf(reportingErrors);
    }

    public boolean ok() {
        return reportingErrors.isEmpty() && tables.stream().allMatch(TableRotationResult::succeeded);
    }

    /** The tables that failed, in run order. */
    public List<String> failedTables() {
        return tables.stream().filter(t -> !t.succeeded()).map(TableRotationResult::table).toList();
    }

    /** One line per table, then any reporting problem: never item data. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        tables.forEach(t -> sb.append(t.summaryLine()).append('\n'));
        reportingErrors.forEach(e -> sb.append("reporting: ").append(e).append('\n'));
        return sb.toString();
    }
}
