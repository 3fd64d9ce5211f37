package dev.ddbbackup.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void typedReads_parseAndDefault() {
        Settings s = new Settings(Map.of("N", " 12 ", "B", "false", "L", "a, b,,c ", "D", "0.5"));

        assertThat(s.integer("N", 1, 1, 100)).isEqualTo(12);
        assertThat(s.integer("MISSING", 7, 1, 100)).isEqualTo(7);
        assertThat(s.bool("B", true)).isFalse();
        assertThat(s.list("L")).containsExactly("a", "b", "c");
        assertThat(s.decimal("D", 0, 1)).contains(0.5);
        assertThat(s.optional("MISSING")).isEmpty();
    }

    @Test
    void badValues_nameTheVariable() {
        Settings s = new Settings(Map.of("N", "abc", "M", "0", "B", "maybe", "D", "2"));

        assertThatThrownBy(() -> s.integer("N", 1, 1, 10)).isInstanceOf(ConfigException.class)
                .hasMessage("N: must be a whole number between 1 and 10, got 'abc'");
        assertThatThrownBy(() -> s.integer("M", 1, 1, 10)).hasMessage("M: must be between 1 and 10, got 0");
        assertThatThrownBy(() -> s.bool("B", true)).hasMessage("B: must be true or false, got 'maybe'");
        assertThatThrownBy(() -> s.decimal("D", 0, 1)).hasMessageStartingWith("D: must be between");
        assertThatThrownBy(() -> s.required("X", "set it to the bucket")).hasMessage("X: is not set; set it to the bucket");
    }

    @Test
    void namesRead_listsEveryNameAskedFor_setOrNot_byEveryReader() {
        Settings s = new Settings(Map.of("A", "1", "B", "true"));

        s.integer("A", 0, 0, 9);
        s.bool("B", false);
        s.string("UNSET", "x");
        s.list("LIST");
        s.decimal("D", 0, 1);
        assertThatThrownBy(() -> s.required("REQ", "set it")).isInstanceOf(ConfigException.class);

        assertThat(s.namesRead()).containsExactly("A", "B", "D", "LIST", "REQ", "UNSET");
    }
}
