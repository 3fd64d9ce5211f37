package dev.ddbbackup.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-21T01:00:00Z");
    private static final String TABLE_ID = "e5a3c1b2-0000-4000-8000-000000000001";

    @Test
    void plan_keepsTheNewOnePlusTheNewestOthers_deletesTheRestOldestLast() {
        NativeBackup created = available("new", 0);
        List<NativeBackup> listed = List.of(available("d1", 1), available("d4", 4), created, available("d2", 2), available("d3", 3));

        RetentionPlan plan = new RetentionPolicy(3, null).plan(listed, created, TABLE_ID, NOW);

        assertThat(plan.retained()).extracting(NativeBackup::name).containsExactly("new", "d1", "d2");
        assertThat(plan.delete()).extracting(RetentionPlan.Deletion::name).containsExactly("d3", "d4");
        assertThat(plan.delete()).allSatisfy(d -> assertThat(d.reason()).isEqualTo("beyond the 3 newest"));
    }

    @Test
    void plan_whenTheNewBackupIsNotListedYet_stillCountsIt() {
        NativeBackup created = available("new", 0);
        List<NativeBackup> listed = List.of(available("d1", 1), available("d2", 2), available("d3", 3));

        RetentionPlan plan = new RetentionPolicy(2, null).plan(listed, created, TABLE_ID, NOW);

        assertThat(plan.retained()).extracting(NativeBackup::name).containsExactly("new", "d1");
        assertThat(plan.delete()).extracting(RetentionPlan.Deletion::name).containsExactly("d2", "d3");
    }

    @Test
    void plan_withMaxAge_deletesOlderBackupsEvenWithinTheCount() {
        NativeBackup created = available("new", 0);
        List<NativeBackup> listed = List.of(created, available("d1", 1), available("d8", 8), available("d9", 9));

        RetentionPlan plan = new RetentionPolicy(10, 7).plan(listed, created, TABLE_ID, NOW);

        assertThat(plan.retained()).extracting(NativeBackup::name).containsExactly("new", "d1");
        assertThat(plan.delete()).extracting(RetentionPlan.Deletion::name).containsExactly("d8", "d9");
        assertThat(plan.delete()).allSatisfy(d -> assertThat(d.reason()).isEqualTo("older than 7 days"));
    }

    @Test
    void plan_neverDeletesTheNewBackup_evenWhenItIsOlderThanMaxAge() {
        // the clock says the run is ten days after DynamoDB stamped the new backup
        NativeBackup created = available("new", 10);
        List<NativeBackup> listed = List.of(created, available("d11", 11), available("d12", 12));

        RetentionPlan plan = new RetentionPolicy(1, 1).plan(listed, created, TABLE_ID, NOW);

        assertThat(plan.retained()).containsExactly(created);
        assertThat(plan.delete()).extracting(RetentionPlan.Deletion::name).containsExactly("d11", "d12");
    }

    @Test
    void plan_neverCountsOrDeletesCreatingOrDeletedBackups() {
        NativeBackup created = available("new", 0);
        NativeBackup creating = backup("creating", 5, "CREATING");
        NativeBackup deleted = backup("deleted", 6, "DELETED");
        List<NativeBackup> listed = List.of(created, available("d1", 1), creating, deleted, available("d7", 7));

        RetentionPlan plan = new RetentionPolicy(2, 3).plan(listed, created, TABLE_ID, NOW);

        assertThat(plan.retained()).extracting(NativeBackup::name).containsExactly("new", "d1");
        assertThat(plan.delete()).extracting(RetentionPlan.Deletion::name).containsExactly("d7");
        assertThat(plan.inProgress()).containsExactly(creating);
    }

    @Test
    void plan_neverCountsOrDeletesBackupsOfAnEarlierTableOfTheSameName() {
        NativeBackup created = available("new", 0);
        NativeBackup earlier = new NativeBackup("arn:earlier", "Movies-earlier", "AVAILABLE", NOW.minus(Duration.ofDays(400)),
                "0f0f0f0f-0000-4000-8000-0000000000ff");
        NativeBackup unknownId = new NativeBackup("arn:unknown", "Movies-unknown", "AVAILABLE", NOW.minus(Duration.ofDays(2)), null);
        List<NativeBackup> listed = List.of(created, available("d1", 1), earlier, unknownId);

        RetentionPlan plan = new RetentionPolicy(2, 30).plan(listed, created, TABLE_ID, NOW);

        assertThat(plan.earlierTable()).containsExactly(earlier);
        assertThat(plan.retained()).extracting(NativeBackup::name).containsExactly("new", "d1");
        // a backup whose TableId the endpoint does not give counts as this table's
        assertThat(plan.delete()).extracting(RetentionPlan.Deletion::arn).containsExactly("arn:unknown");
    }

    @Test
    void plan_withoutTheCurrentTableId_countsEveryListedBackup() {
        NativeBackup created = available("new", 0);
        NativeBackup other = new NativeBackup("arn:other", "Movies-other", "AVAILABLE", NOW.minus(Duration.ofDays(3)), "another-id");

        RetentionPlan plan = new RetentionPolicy(1, null).plan(List.of(created, other), created, null, NOW);

        assertThat(plan.delete()).extracting(RetentionPlan.Deletion::arn).containsExactly("arn:other");
        assertThat(plan.earlierTable()).isEmpty();
    }

    @Test
    void plan_forADryRun_keepsASlotForTheBackupARealRunWouldCreate() {
        List<NativeBackup> listed = List.of(available("d1", 1), available("d2", 2), available("d3", 3));

        RetentionPlan plan = new RetentionPolicy(3, null).plan(listed, null, TABLE_ID, NOW);

        assertThat(plan.retained()).extracting(NativeBackup::name).containsExactly("d1", "d2");
        assertThat(plan.delete()).extracting(RetentionPlan.Deletion::name).containsExactly("d3");
    }

    @Test
    void plan_withFewerBackupsThanTheLimit_deletesNothing() {
        NativeBackup created = available("new", 0);

        RetentionPlan plan = new RetentionPolicy(3, null).plan(List.of(created, available("d1", 1)), created, TABLE_ID, NOW);

        assertThat(plan.delete()).isEmpty();
        assertThat(plan.retained()).hasSize(2);
    }

    @Test
    void of_whenValuesAreOutOfRange_namesTheSettingAndTheFix() {
        assertThatThrownBy(() -> RetentionPolicy.of("MAX_BACKUPS", 0, "MAX_AGE_DAYS", null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("MAX_BACKUPS: must be between 1 and 1000 (backups to keep, the new one included), got 0");
        assertThatThrownBy(() -> RetentionPolicy.of("--keep", 3, "--max-age-days", -1))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--max-age-days: must be between 1 and 36500 days, got -1; leave it unset to prune by count only");
        assertThatThrownBy(() -> RetentionPolicy.of("--keep", 3, "--max-age-days", 0)).hasMessageStartingWith("--max-age-days:");
        assertThatThrownBy(() -> RetentionPolicy.of("--keep", 1001, "--max-age-days", null)).hasMessageStartingWith("--keep:");
    }

    @Property
    void plan_alwaysKeepsTheNewBackup_keepsAtMostMaxBackups_andDeletesOnlyThisTablesOtherAvailableOnes(
            @ForAll("backups") List<NativeBackup> listed, @ForAll @IntRange(min = 1, max = 6) int maxBackups,
            @ForAll @IntRange(min = 0, max = 12) int maxAgeDays, @ForAll boolean newListed, @ForAll boolean dryRun,
            @ForAll boolean tableIdKnown) {
        NativeBackup created = dryRun ? null : available("new", 0);
        List<NativeBackup> input = new ArrayList<>(listed);
        if (created != null && newListed) {
            input.add(input.size() / 2, created);
        }
        Integer age = maxAgeDays == 0 ? null : maxAgeDays;
        String tableId = tableIdKnown ? TABLE_ID : null;

        RetentionPlan plan = new RetentionPolicy(maxBackups, age).plan(input, created, tableId, NOW);

        if (created != null) {
            assertThat(plan.retained()).first().isEqualTo(created);
            assertThat(plan.delete()).noneMatch(d -> d.arn().equals(created.arn()));
        }
        int slotsUsed = plan.retained().size() + (created == null ? 1 : 0);
        assertThat(slotsUsed).isBetween(1, maxBackups);
        assertThat(plan.retained()).allMatch(NativeBackup::available);
        Set<String> countable = listed.stream()
                .filter(b -> b.available() && (tableId == null || b.tableId() == null || tableId.equals(b.tableId())))
                .map(NativeBackup::arn).collect(Collectors.toSet());
        Set<String> deleted = plan.delete().stream().map(RetentionPlan.Deletion::arn).collect(Collectors.toSet());
        assertThat(countable).containsAll(deleted);
        assertThat(plan.retained()).noneMatch(b -> deleted.contains(b.arn()));
        assertThat(plan.earlierTable()).allSatisfy(b -> {
            assertThat(b.tableId()).isNotNull().isNotEqualTo(tableId);
            assertThat(deleted).doesNotContain(b.arn());
        });
        // every countable backup is either kept or deleted, none forgotten
        long keptOthers = plan.retained().stream().filter(b -> created == null || !b.arn().equals(created.arn())).count();
        assertThat(keptOthers + deleted.size()).isEqualTo(countable.size());
        // what is kept is within the age limit and no older than what the count pushed out
        for (NativeBackup kept : plan.retained()) {
            if (kept == created) {
                continue;
            }
            if (age != null) {
                assertThat(kept.createdAt()).isAfterOrEqualTo(NOW.minus(Duration.ofDays(age)));
            }
            plan.delete().stream().filter(d -> d.reason().startsWith("beyond"))
                    .forEach(d -> assertThat(kept.createdAt()).isAfterOrEqualTo(d.createdAt()));
        }
    }

    @Provide
    Arbitrary<List<NativeBackup>> backups() {
        Arbitrary<NativeBackup> one = Combinators.combine(
                Arbitraries.integers().between(1, 20 * 24),
                Arbitraries.of("AVAILABLE", "AVAILABLE", "AVAILABLE", "CREATING", "DELETED"),
                Arbitraries.strings().alpha().ofLength(10),
                Arbitraries.of(TABLE_ID, TABLE_ID, TABLE_ID, "earlier-table-id").injectNull(0.2))
                .as((hours, status, id, tableId) -> new NativeBackup("arn:backup/" + id, "b" + id, status,
                        NOW.minus(Duration.ofHours(hours)), tableId));
        return one.list().ofMaxSize(15).uniqueElements(NativeBackup::arn);
    }

    private static NativeBackup available(String name, int daysAgo) {
        return backup(name, daysAgo, "AVAILABLE");
    }

    private static NativeBackup backup(String name, int daysAgo, String status) {
        return new NativeBackup("arn:aws:dynamodb:us-east-1:123456789012:table/Movies/backup/" + name, name, status,
                NOW.minus(Duration.ofDays(daysAgo)).minusSeconds(60), TABLE_ID);
    }
}
