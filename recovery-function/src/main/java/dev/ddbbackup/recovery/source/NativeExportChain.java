package dev.ddbbackup.recovery.source;

import dev.ddbbackup.core.config.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Native exports of one table in the order a restore applies them (at most one full export, then
 * incremental exports whose windows follow each other exactly), with what the user must know.
 *
 * <p>An incremental export holds, for every item written in its window, the item's final state at
 * the window's end (or its key, if it was deleted). So the chain is complete only when every moment
 * after the full export's time is covered: the first incremental window must start at or before the
 * full export's time and end after it (a start before it only restates items at their current
 * state), and each following window must start exactly where the previous one ended. A gap loses the
 * writes made in it; overlapping incremental windows are refused too, because the chain the
 * exports' times describe is then ambiguous.
 */
record NativeExportChain(List<NativeExportSummary> exports, List<String> warnings) {

    NativeExportChain {
        exports = List.copyOf(exports);
        warnings = List.copyOf(warnings);
    }

    /**
     * Orders exports and checks that they form one chain.
     *
     * @throws ConfigException (field {@link NativeExportSource#INPUT_FIELD}) naming the exports at fault
     */
    static NativeExportChain of(List<NativeExportSummary> given) {
        if (given.isEmpty()) {
            throw new ConfigException(NativeExportSource.INPUT_FIELD, "no export given; give at least one export folder");
        }
        Set<String> folders = new HashSet<>();
        Set<String> arns = new HashSet<>();
        for (NativeExportSummary e : given) {
            if (!folders.add(e.folder().folder()) || (e.exportArn() != null && !arns.add(e.exportArn()))) {
                throw refuse("export " + e.describe() + " is given twice; give each export once");
            }
        }
        NativeExportSummary first = given.get(0);
        for (NativeExportSummary e : given) {
            if (!e.tableArn().equals(first.tableArn())) {
                throw refuse("exports of different tables: " + first.folder().folder() + " is of " + first.tableArn()
                        + " but " + e.folder().folder() + " is of " + e.tableArn() + "; restore exports of one table at a time");
            }
        }
        List<NativeExportSummary> full = given.stream().filter(e -> !e.incremental()).toList();
        if (full.size() > 1) {
            throw refuse("two full exports, " + full.get(0).describe() + " and " + full.get(1).describe()
                    + "; give one full export and the incremental exports that follow it");
        }
        List<NativeExportSummary> ordered = new ArrayList<>(full);
        given.stream().filter(NativeExportSummary::incremental)
                .sorted(Comparator.comparing(NativeExportSummary::exportFromTime).thenComparing(NativeExportSummary::exportToTime))
                .forEach(ordered::add);
        List<String> warnings = new ArrayList<>();
        NativeExportSummary head = ordered.get(0);
        if (head.incremental()) {
            warnings.add("the first export, " + head.describe() + ", is incremental: it holds only the writes from "
                    + head.exportFromTime() + " on, so the target table must already hold the table as it was at "
                    + head.exportFromTime());
        } else if (ordered.size() > 1) {
            NativeExportSummary next = ordered.get(1);
            if (next.exportFromTime().isAfter(head.exportTime())) {
                throw refuse("gap between " + head.describe() + " and " + next.describe() + ": writes made from "
                        + head.exportTime() + " to " + next.exportFromTime() + " are in neither export; add an incremental "
                        + "export from " + head.exportTime() + " or earlier to " + next.exportFromTime());
            }
            if (!next.exportToTime().isAfter(head.exportTime())) {
                throw refuse(next.describe() + " ends before " + head.describe() + " was taken; applied after it, it "
                        + "would undo later writes; leave it out");
            }
        }
        for (int i = head.incremental() ? 1 : 2; i < ordered.size(); i++) {
            NativeExportSummary previous = ordered.get(i - 1);
            NativeExportSummary next = ordered.get(i);
            if (next.exportFromTime().isBefore(previous.exportToTime())) {
                throw refuse("incremental exports overlap: " + previous.describe() + " and " + next.describe()
                        + "; give exports whose windows follow each other, each starting where the previous one ends");
            }
            if (next.exportFromTime().isAfter(previous.exportToTime())) {
                throw refuse("gap between " + previous.describe() + " and " + next.describe() + ": writes made from "
                        + previous.exportToTime() + " to " + next.exportFromTime() + " are in neither export; add an "
                        + "incremental export of that window");
            }
        }
        return new NativeExportChain(ordered, warnings);
    }

    private static ConfigException refuse(String message) {
        return new ConfigException(NativeExportSource.INPUT_FIELD, message);
    }
}
