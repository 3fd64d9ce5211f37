package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbbackup.core.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in events/ belongs to a function of the template (by its name's prefix) and is accepted by
 * that function's own event parsing, with the settings the template gives the function; every function
 * has at least one.
 */
class EventsTest {

    /**
     * Functions whose modules and events exist but which template.yaml does not deploy yet: their events
     * are parsed by their own modules' tests. Remove an entry when its function enters the template.
     */
    static final Map<String, String> NOT_IN_TEMPLATE = Map.of(
            "rotation-", "dev.ddbbackup.rotation.RotationHandler",
            "validation-", "dev.ddbbackup.validation.ValidationHandler");

    static Stream<Path> events() throws IOException {
        try (Stream<Path> files = Files.list(Template.ROOT.resolve("events"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    static Stream<Path> templateEvents() throws IOException {
        return events().filter(p -> NOT_IN_TEMPLATE.keySet().stream().noneMatch(p.getFileName().toString()::startsWith));
    }

    @ParameterizedTest
    @MethodSource("templateEvents")
    void event_isParsedByItsFunction_withTheTemplatesSettings(Path event) throws IOException {
        Template t = Template.repo();
        Evaluator e = new Evaluator(t, Map.of());
        String function = functionOf(t, event.getFileName().toString());
        FunctionContracts.Contract contract = FunctionContracts.of(t.handlerClass(function));

        contract.parseEvent().accept(new Settings(EnvironmentCheck.environment(e, function)), Files.readAllBytes(event));
    }

    @Test
    void everyFunction_hasAnEvent_andTheCustomResourceHasCreateAndDelete() throws IOException {
        Template t = Template.repo();
        List<String> names = events().map(p -> p.getFileName().toString()).toList();

        for (String f : t.functionIds()) {
            String prefix = FunctionContracts.of(t.handlerClass(f)).eventPrefix();
            assertThat(names).as(f).anyMatch(n -> n.startsWith(prefix));
        }
        assertThat(names).contains("restore-test-create.json", "restore-test-delete.json", "backup-scheduled.json", "recovery-seed-001.json");
    }

    @Test
    void functionsNotInTheTemplate_areReallyNotInIt() {
        Template t = Template.repo();

        assertThat(t.functionIds().stream().map(t::handlerClass)).doesNotContainAnyElementsOf(NOT_IN_TEMPLATE.values());
    }

    private static String functionOf(Template t, String fileName) {
        List<String> matches = t.functionIds().stream()
                .filter(f -> fileName.startsWith(FunctionContracts.of(t.handlerClass(f)).eventPrefix())).toList();
        assertThat(matches).as("events/" + fileName + " must start with the event prefix of exactly one function").hasSize(1);
        return matches.get(0);
    }
}
