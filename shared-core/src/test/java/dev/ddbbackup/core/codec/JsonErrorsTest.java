package dev.ddbbackup.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads token by token, as the project's streaming readers do. */
    private static JsonProcessingException error(String json) {
        return catchThrowableOfType(JsonProcessingException.class, () -> {
            try (JsonParser p = JSON.getFactory().createParser(json)) {
                while (p.nextToken() != null) {
                    p.skipChildren();
                }
            }
        });
    }

    @Test
    void invalidJson_isPlacedWithoutQuotingTheInput() {
        JsonProcessingException e = error("{\n\"secret\": nope}");
        assertThat(JsonErrors.atLineAndColumn(e)).startsWith("invalid JSON at line 2, column ").doesNotContain("nope");
        assertThat(JsonErrors.nearColumn(e)).startsWith("invalid JSON near column ").doesNotContain("nope");
    }

    @Test
    void truncation_isNamedAndNotPlaced() {
        assertThat(JsonErrors.atLineAndColumn(error("{\"a\": \"ab"))).isEqualTo("truncated JSON (unexpected end of input)");
        assertThat(JsonErrors.describe(error("{\"a\": \"ab"), " near column 9")).isEqualTo("truncated JSON (unexpected end of input)");
    }

    @Test
    void parserLimit_isNamed() {
        assertThat(JsonErrors.nearColumn(error("[".repeat(2000) + "]".repeat(2000))))
                .isEqualTo("JSON exceeds a parser limit (nesting depth, number or string length)");
    }
}
