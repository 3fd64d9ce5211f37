package dev.ddbbackup.recovery.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RestoreTestOutcomeTest {

    @Test
    void passingOutcome_withMissingItems_isRefused() {
        assertThatThrownBy(() -> new RestoreTestOutcome(true, "Orders-restore-test-x", 10, 9, 0, 1, 1.0, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a passing outcome needs all 10 items found and equal");
    }

    @Test
    void passingOutcome_withExtraItems_isRefused() {
        assertThatThrownBy(() -> new RestoreTestOutcome(true, "Orders-restore-test-x", 10, 11, 0, 0, 1.0, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failingOutcome_withoutReason_isRefused() {
        assertThatThrownBy(() -> new RestoreTestOutcome(false, "Orders-restore-test-x", 10, 10, 0, 0, 1.0, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a reason");
    }

    @Test
    void passingOutcome_withoutReason_hasAnEmptyReason() {
        assertThat(new RestoreTestOutcome(true, "Orders-restore-test-x", 10, 10, 0, 0, 1.0, null).reason()).isEmpty();
    }

    @Test
    void negativeCountsOrSeconds_areRefused() {
        assertThatThrownBy(() -> new RestoreTestOutcome(false, "s-1", -1, 0, 0, 0, 1.0, "r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestoreTestOutcome(false, "s-1", 1, 0, 0, 0, Double.NaN, "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
