package dev.ddbbackup.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.config.ConfigException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final String EXAMPLE = "{\"tables\":[\"Orders\"]}";

    private static JsonNode body(String json) {
        return EventJson.body(json.getBytes(StandardCharsets.UTF_8), EXAMPLE);
    }

    @Test
    void body_constantInput_isTheObject() {
        assertThat(body("{\"tables\":[\"Orders\"]}").get("tables").get(0).asText()).isEqualTo("Orders");
    }

    @Test
    void body_scheduledEnvelope_isItsDetail_orNullWithoutOne() {
        assertThat(body("{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{\"x\":1}}").get("x").asInt()).isEqualTo(1);
        assertThat(body("{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}")).isEmpty();
        assertThat(body("{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\"}")).isNull();
    }

    @Test
    void body_emptyOrNull_isNull() {
        assertThat(EventJson.body(new byte[0], EXAMPLE)).isNull();
        assertThat(body("null")).isNull();
    }

    @Test
    void body_badJsonOrNotAnObject_namesTheEventAndShowsTheShape() {
        assertThatThrownBy(() -> body("{\"tables\":")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("event: is not valid JSON").hasMessageContaining(EXAMPLE);
        assertThatThrownBy(() -> body("[1]")).hasMessage("event: must be a JSON object like " + EXAMPLE);
    }

    @Test
    void tableNames_checksEveryEntry() {
        assertThat(EventJson.tableNames(body("{\"t\":[\"Orders\",\"Users\"]}"), "t", "[\"A\"]", "TABLES")).containsExactly("Orders", "Users");
        assertThatThrownBy(() -> EventJson.tableNames(body("{\"t\":\"Orders\"}"), "t", "[\"A\"]", "TABLES"))
                .hasMessage("t: must be an array of table names like [\"A\"]");
        assertThatThrownBy(() -> EventJson.tableNames(body("{\"t\":[1]}"), "t", "[\"A\"]", "TABLES"))
                .hasMessageStartingWith("t: every entry must be a table name string");
        assertThatThrownBy(() -> EventJson.tableNames(body("{\"t\":[\"../x\"]}"), "t", "[\"A\"]", "TABLES"))
                .hasMessageStartingWith("t: '../x' is not a valid table name");
        assertThatThrownBy(() -> EventJson.tableNames(body("{\"t\":[]}"), "t", "[\"A\"]", "TABLES"))
                .hasMessage("t: is empty; list at least one table, or omit it to use TABLES");
    }

    @Test
    void flag_isABooleanOrItsStringOrTheDefault() {
        assertThat(EventJson.flag(body("{\"f\":true}"), "f", false)).isTrue();
        assertThat(EventJson.flag(body("{\"f\":\"False\"}"), "f", true)).isFalse();
        assertThat(EventJson.flag(body("{\"f\":\" \"}"), "f", true)).isTrue();
        assertThat(EventJson.flag(body("{\"f\":null}"), "f", true)).isTrue();
        assertThat(EventJson.flag(null, "f", false)).isFalse();
        assertThatThrownBy(() -> EventJson.flag(body("{\"f\":\"yes\"}"), "f", "detail.f", false))
                .hasMessage("detail.f: must be true or false, got \"yes\"");
        assertThatThrownBy(() -> EventJson.flag(body("{\"f\":1}"), "f", false)).hasMessage("f: must be true or false, got 1");
    }
}
