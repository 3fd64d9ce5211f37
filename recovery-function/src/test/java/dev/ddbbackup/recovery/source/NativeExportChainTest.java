package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeExportChainTest {

    private static final String TABLE = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";

    private static final NativeExportSummary FULL = full("01700000000000-full0000", TABLE, "2026-01-14T10:00:00Z");
    private static final NativeExportSummary INC_1 = incremental("01700000100000-inc10000", "2026-01-14T10:00:00Z", "2026-01-14T10:15:00Z");
    private static final NativeExportSummary INC_2 = incremental("01700000200000-inc20000", "2026-01-14T10:15:00Z", "2026-01-14T11:00:00Z");
    private static final NativeExportSummary INC_3 = incremental("01700000300000-inc30000", "2026-01-14T11:00:00Z", "2026-01-15T11:00:00Z");

    @Test
    void of_whenGivenOutOfOrder_ordersFullThenIncrementalsByWindow() {
        NativeExportChain chain = NativeExportChain.of(List.of(INC_3, INC_1, FULL, INC_2));

        assertThat(chain.exports()).containsExactly(FULL, INC_1, INC_2, INC_3);
        assertThat(chain.warnings()).isEmpty();
    }

    @Test
    void of_whenFirstIncrementalStartsBeforeTheFullExport_accepts() {
        // Records it shares with the full export hold the items' state at its end, so re-applying them loses nothing.
        NativeExportSummary early = incremental("01700000100000-early000", "2026-01-14T09:45:00Z", "2026-01-14T10:15:00Z");

        assertThat(NativeExportChain.of(List.of(early, FULL, INC_2)).exports()).containsExactly(FULL, early, INC_2);
    }

    @Test
    void of_whenOnlyIncrementals_warnsThatTheTargetMustHoldTheStartState() {
        NativeExportChain chain = NativeExportChain.of(List.of(INC_2, INC_1));

        assertThat(chain.exports()).containsExactly(INC_1, INC_2);
        assertThat(chain.warnings()).singleElement().asString()
                .contains("the first export, AWSDynamoDB/01700000100000-inc10000/", "is incremental")
                .contains("the target table must already hold the table as it was at 2026-01-14T10:00:00Z");
    }

    @Test
    void of_whenGapBetweenIncrementals_refusesNamingBothAndTheMissingWindow() {
        assertThatThrownBy(() -> NativeExportChain.of(List.of(FULL, INC_1, INC_3)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gap between AWSDynamoDB/01700000100000-inc10000/ (incremental export from "
                        + "2026-01-14T10:00:00Z to 2026-01-14T10:15:00Z) and AWSDynamoDB/01700000300000-inc30000/")
                .hasMessageContaining("writes made from 2026-01-14T10:15:00Z to 2026-01-14T11:00:00Z are in neither export");
    }

    @Test
    void of_whenGapAfterTheFullExport_refuses() {
        assertThatThrownBy(() -> NativeExportChain.of(List.of(FULL, INC_2)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gap between AWSDynamoDB/01700000000000-full0000/ (full export at 2026-01-14T10:00:00Z)")
                .hasMessageContaining("writes made from 2026-01-14T10:00:00Z to 2026-01-14T10:15:00Z are in neither export");
    }

    @Test
    void of_whenIncrementalsOverlap_refusesNamingBoth() {
        NativeExportSummary overlapping = incremental("01700000200000-overlap0", "2026-01-14T10:10:00Z", "2026-01-14T11:00:00Z");

        assertThatThrownBy(() -> NativeExportChain.of(List.of(FULL, INC_1, overlapping)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(NativeExportSource.INPUT_FIELD + ": incremental exports overlap: "
                        + "AWSDynamoDB/01700000100000-inc10000/ (incremental export from 2026-01-14T10:00:00Z to "
                        + "2026-01-14T10:15:00Z) and AWSDynamoDB/01700000200000-overlap0/");
    }

    @Test
    void of_whenIncrementalEndsBeforeTheFullExport_refuses() {
        NativeExportSummary old = incremental("01700000000000-old00000", "2026-01-14T09:00:00Z", "2026-01-14T09:30:00Z");

        assertThatThrownBy(() -> NativeExportChain.of(List.of(FULL, old)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AWSDynamoDB/01700000000000-old00000/ (incremental export from 2026-01-14T09:00:00Z "
                        + "to 2026-01-14T09:30:00Z) ends before")
                .hasMessageContaining("would undo later writes");
    }

    @Test
    void of_whenTwoFullExports_refuses() {
        NativeExportSummary other = full("01700000500000-full1111", TABLE, "2026-01-15T10:00:00Z");

        assertThatThrownBy(() -> NativeExportChain.of(List.of(FULL, other)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("two full exports")
                .hasMessageContaining("01700000000000-full0000", "01700000500000-full1111");
    }

    @Test
    void of_whenDifferentTables_refusesNamingBothTables() {
        NativeExportSummary otherTable = new NativeExportSummary(NativeExportFolder.of("AWSDynamoDB/01700000100000-other000/"),
                null, "arn:aws:dynamodb:us-east-1:111122223333:table/invoices", true, null,
                Instant.parse("2026-01-14T10:00:00Z"), Instant.parse("2026-01-14T10:15:00Z"), 0, null);

        assertThatThrownBy(() -> NativeExportChain.of(List.of(FULL, otherTable)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exports of different tables")
                .hasMessageContaining("table/orders", "table/invoices");
    }

    @Test
    void of_whenSameExportTwice_refuses() {
        assertThatThrownBy(() -> NativeExportChain.of(List.of(FULL, INC_1, INC_1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("01700000100000-inc10000/ (incremental export from 2026-01-14T10:00:00Z to "
                        + "2026-01-14T10:15:00Z) is given twice");
    }

    private static NativeExportSummary full(String id, String table, String time) {
        return new NativeExportSummary(NativeExportFolder.of("AWSDynamoDB/" + id + "/"), table + "/export/" + id, table,
                false, Instant.parse(time), null, null, 0, null);
    }

    private static NativeExportSummary incremental(String id, String from, String to) {
        return new NativeExportSummary(NativeExportFolder.of("AWSDynamoDB/" + id + "/"), TABLE + "/export/" + id, TABLE,
                true, null, Instant.parse(from), Instant.parse(to), 0, null);
    }
}
