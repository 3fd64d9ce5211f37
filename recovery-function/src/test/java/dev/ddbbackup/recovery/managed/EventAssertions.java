package dev.ddbbackup.recovery.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.core.config.ConfigException;
import java.io.IOException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What the managed-restore request tests share: events from JSON text, and "refused naming this field". */
final class EventAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventAssertions() {}

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Asserts that {@code parse} fails with a ConfigException naming {@code field}, its message starting with it. */
    static AbstractThrowableAssert<?, ? extends Throwable> failsNaming(ThrowingCallable parse, String field) {
        return assertThatThrownBy(parse)
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ");
    }
}
