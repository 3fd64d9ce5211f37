package dev.ddbbackup.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RotationServiceTest {

    @Test
    void backupName_isTheTableAndTheUtcTimeToTheSecond_asSeed002NamedIt() {
        assertThat(RotationService.backupName("Movies", Instant.parse("2026-11-21T01:02:03.987Z"))).isEqualTo("Movies-20261121010203");
    }

    @Test
    void backupName_ofAVeryLongTable_isCutToDynamoDbsLimit() {
        String table = "t".repeat(255);

        String name = RotationService.backupName(table, Instant.parse("2026-11-21T01:02:03Z"));

        assertThat(name).hasSize(255).endsWith("t-20261121010203");
    }
}
