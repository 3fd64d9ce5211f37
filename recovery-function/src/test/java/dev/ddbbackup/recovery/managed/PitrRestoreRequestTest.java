package dev.ddbbackup.recovery.managed;

import static dev.ddbbackup.recovery.managed.EventAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PitrRestoreRequestTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T01:02:03.987Z"), ZoneOffset.UTC);

    @Test
    void fromEvent_fullEvent_readsEveryField() {
        PitrRestoreRequest r = parse("{\"restoreType\":\"PITR\",\"source_table\":\"Orders\",\"target_table\":\"Orders-copy\","
                + "\"restoreDateTime\":\"2026-11-20T23:30:00Z\",\"wait\":false}", null);

        assertThat(r).isEqualTo(new PitrRestoreRequest("Orders", "Orders-copy", Instant.parse("2026-11-20T23:30:00Z"), false, false));
    }

    @Test
    void fromEvent_seedShape_usesDefaultSourceAndDatedTarget() {
        // seed 004's custom resource sends only these, with the table in the function's environment
        PitrRestoreRequest r = parse("{\"restoreType\":\"PITR\",\"useLatestRestorableTime\":true}", "techmoda-products");

        assertThat(r.sourceTable()).isEqualTo("techmoda-products");
        assertThat(r.targetTable()).isEqualTo("techmoda-products-restored-20261121010203");
        assertThat(r.useLatestRestorableTime()).isTrue();
        assertThat(r.restoreDateTime()).isNull();
        assertThat(r.waitForActive()).isTrue();
    }

    @Test
    void fromEvent_tableName_isTheSource() {
        assertThat(parse("{\"table_name\":\"Users\",\"useLatestRestorableTime\":true}", "Default").sourceTable()).isEqualTo("Users");
    }

    @Test
    void fromEvent_cloudFormationStringBooleans_accepted() {
        PitrRestoreRequest r = parse("{\"source_table\":\"Orders\",\"useLatestRestorableTime\":\"true\",\"wait\":\"false\"}", null);

        assertThat(r.useLatestRestorableTime()).isTrue();
        assertThat(r.waitForActive()).isFalse();
    }

    @Test
    void fromEvent_offsetTime_convertedToInstant() {
        assertThat(parse("{\"source_table\":\"Orders\",\"restoreDateTime\":\"2026-11-21T02:00:00+01:00\"}", null).restoreDateTime())
                .isEqualTo(Instant.parse("2026-11-21T01:00:00Z"));
    }

    @Test
    void fromEvent_latestFalseWithTime_usesTheTime() {
        PitrRestoreRequest r = parse("{\"source_table\":\"Orders\",\"useLatestRestorableTime\":false,"
                + "\"restoreDateTime\":\"2026-11-21T00:00:00Z\"}", null);

        assertThat(r.useLatestRestorableTime()).isFalse();
        assertThat(r.restoreDateTime()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21 01:00:00", "2026-11-21T01:00:00", "21/11/2026", "yesterday", "2026-13-01T00:00:00Z"})
    void fromEvent_unparsableTime_showsExpectedShape(String time) {
        fails("{\"source_table\":\"Orders\",\"restoreDateTime\":\"" + time + "\"}", null, "restoreDateTime")
                .hasMessageContaining("'" + time + "' is not an ISO-8601 date-time")
                .hasMessageContaining("2026-11-21T01:00:00Z");
    }

    @Test
    void fromEvent_timeNotAString_namesField() {
        fails("{\"source_table\":\"Orders\",\"restoreDateTime\":1700000000}", null, "restoreDateTime")
                .hasMessageContaining("must be a string");
    }

    @Test
    void fromEvent_neitherTimeNorLatest_namesBothOptions() {
        fails("{\"source_table\":\"Orders\"}", null, "restoreDateTime")
                .hasMessageContaining("is missing").hasMessageContaining("useLatestRestorableTime");
    }

    @Test
    void fromEvent_latestFalseAndNoTime_isNeither() {
        fails("{\"source_table\":\"Orders\",\"useLatestRestorableTime\":false}", null, "restoreDateTime")
                .hasMessageContaining("is missing");
    }

    @Test
    void fromEvent_bothTimeAndLatest_rejected() {
        fails("{\"source_table\":\"Orders\",\"useLatestRestorableTime\":true,\"restoreDateTime\":\"2026-11-21T00:00:00Z\"}",
                null, "restoreDateTime").hasMessageContaining("both set; give only one");
    }

    @Test
    void fromEvent_bothWithUnparsableTime_reportsBothFirst() {
        // the conflict is the real mistake; the time's shape does not matter then
        fails("{\"source_table\":\"Orders\",\"useLatestRestorableTime\":true,\"restoreDateTime\":\"soon\"}",
                null, "restoreDateTime").hasMessageContaining("both set");
    }

    @Test
    void fromEvent_latestNotBoolean_namesField() {
        fails("{\"source_table\":\"Orders\",\"useLatestRestorableTime\":\"yes please\"}", null, "useLatestRestorableTime")
                .hasMessageContaining("must be true or false");
    }

    @Test
    void fromEvent_noSourceAnywhere_namesFieldAndEnvironment() {
        fails("{\"useLatestRestorableTime\":true}", null, "source_table")
                .hasMessageContaining("source_table (or table_name), or set SOURCE_TABLE");
    }

    @Test
    void fromEvent_badSourceName_namesField() {
        fails("{\"source_table\":\"my table!\",\"useLatestRestorableTime\":true}", null, "source_table")
                .hasMessageContaining("is not a valid table name");
    }

    @Test
    void fromEvent_badDefaultSource_namesEnvironmentVariable() {
        fails("{\"useLatestRestorableTime\":true}", "x", "SOURCE_TABLE").hasMessageContaining("is not a valid table name");
    }

    @Test
    void fromEvent_badTargetName_namesField() {
        fails("{\"source_table\":\"Orders\",\"target_table\":\"a/b\",\"useLatestRestorableTime\":true}", null, "target_table")
                .hasMessageContaining("'a/b' is not a valid table name");
    }

    @Test
    void fromEvent_targetIsSource_rejected() {
        fails("{\"source_table\":\"Orders\",\"target_table\":\"Orders\",\"useLatestRestorableTime\":true}", null, "target_table")
                .hasMessageContaining("is the source table");
    }

    @Test
    void fromEvent_sourceAndTableNameDisagree_rejected() {
        fails("{\"source_table\":\"Orders\",\"table_name\":\"Users\",\"useLatestRestorableTime\":true}", null, "source_table")
                .hasMessageContaining("differs from table_name 'Users'");
    }

    @Test
    void fromEvent_sourceTooLongForDefaultTarget_asksForTarget() {
        String longName = "t".repeat(240);
        fails("{\"source_table\":\"" + longName + "\",\"useLatestRestorableTime\":true}", null, "target_table")
                .hasMessageContaining("pass target_table");
    }

    @Test
    void fromEvent_otherRestoreType_rejected() {
        fails("{\"restoreType\":\"BACKUP\",\"source_table\":\"Orders\",\"useLatestRestorableTime\":true}", null, "restoreType")
                .hasMessageContaining("\"restoreType\":\"PITR\"");
    }

    @Test
    void fromEvent_notAnObject_namesEventAndExample() {
        fails("[\"Orders\"]", null, "event").hasMessageContaining("{\"restoreType\":\"PITR\"");
    }

    private static PitrRestoreRequest parse(String json, String defaultSource) {
        return PitrRestoreRequest.fromEvent(tree(json), defaultSource, CLOCK);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> fails(String json, String defaultSource, String field) {
        return EventAssertions.failsNaming(() -> parse(json, defaultSource), field);
    }
}
