package dev.ddbbackup.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UniqueNameTest {

    @Test
    void next_returnsDifferentNamesWithThePrefix() {
        String first = UniqueName.next("backup");
        String second = UniqueName.next("backup");

        assertThat(first).startsWith("backup-").isNotEqualTo(second);
    }

    @Test
    void next_whenPrefixIsLong_staysWithinBucketNameLimit() {
        String name = UniqueName.next("a".repeat(80));

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9][a-z0-9-]*[a-z0-9]");
    }

    @Test
    void next_whenPrefixHasUppercase_throwsNamingThePrefix() {
        assertThatThrownBy(() -> UniqueName.next("Backup"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Backup'");
    }
}
