package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in events/ belongs to a function of the template (by its name's prefix) and is accepted by
 * that function's own event parsing, with the settings the template gives the function; every function
 * has at least one. So is every constant input the template's schedules send.
 */
class EventsTest {

    static Stream<Path> events() throws IOException {
        try (Stream<Path> files = Files.list(Template.ROOT.resolve("events"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    static Stream<Arguments> parameterSets() {
        return TemplateEvaluationTest.parameterSets();
    }

    @ParameterizedTest
    @MethodSource("events")
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
        assertThat(names).contains("restore-test-create.json", "restore-test-delete.json", "backup-scheduled.json", "recovery-seed-001.json",
                "rotation-movies.json", "validation-scheduled.json", "validation-drill.json", "validation-restore-test.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterSets")
    void everyScheduleInput_isParsedByItsFunction_withTheTemplatesSettings(String name, Map<String, String> parameters) {
        Template t = Template.repo();
        Evaluator e = new Evaluator(t, parameters);
        Map<String, String> inputs = scheduleInputs(t, e);

        assertThat(inputs).containsOnlyKeys("BackupFunction.Events.Daily", "RotationFunction.Events.Daily", "ValidationFunction.Events.Daily",
                "ValidationFunction.Events.MonthlyRestoreDrill");
        inputs.forEach((where, input) -> {
            String function = where.substring(0, where.indexOf('.'));
            FunctionContracts.of(t.handlerClass(function)).parseEvent()
                    .accept(new Settings(EnvironmentCheck.environment(e, function)), input.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void aScheduleInputTheFunctionRefuses_isReported() {
        Template t = Template.repo().copy();
        Map<String, Object> drill = Template.map(Template.map(Template.map(t.properties("ValidationFunction").get("Events"))
                .get("MonthlyRestoreDrill")).get("Properties"));
        drill.put("Input", "{\"dril\": true}");
        Evaluator e = new Evaluator(t, Map.of());
        Settings env = new Settings(EnvironmentCheck.environment(e, "ValidationFunction"));
        FunctionContracts.Contract validation = FunctionContracts.of(t.handlerClass("ValidationFunction"));

        assertThatThrownBy(() -> validation.parseEvent().accept(env, scheduleInputs(t, e).get("ValidationFunction.Events.MonthlyRestoreDrill")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigException.class).hasMessage("event: unknown field 'dril'; the only field is \"drill\" (true or false)");
        TemplateReferencesTest.variables(t, "ValidationFunction").remove("BACKUP_BUCKET");
        Settings noBucket = new Settings(EnvironmentCheck.environment(new Evaluator(t, Map.of()), "ValidationFunction"));
        assertThatThrownBy(() -> validation.parseEvent().accept(noBucket, "{\"drill\": true}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("drill: asks for a restore drill");
    }

    /** The constant inputs of the evaluated template's schedules, by Function.Events.Name. */
    static Map<String, String> scheduleInputs(Template t, Evaluator e) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (String f : t.functionIds()) {
            Object events = e.properties(f).get("Events");
            if (events == null) {
                continue;
            }
            Template.map(events).forEach((name, ev) -> {
                Map<String, Object> event = Template.map(ev);
                Object input = Template.map(event.get("Properties")).get("Input");
                if (List.of("Schedule", "ScheduleV2").contains(event.get("Type")) && input != null) {
                    inputs.put(f + ".Events." + name, Evaluator.scalar(input, f + ".Events." + name + ".Input"));
                }
            });
        }
        return inputs;
    }

    private static String functionOf(Template t, String fileName) {
        List<String> matches = t.functionIds().stream()
                .filter(f -> fileName.startsWith(FunctionContracts.of(t.handlerClass(f)).eventPrefix())).toList();
        assertThat(matches).as("events/" + fileName + " must start with the event prefix of exactly one function").hasSize(1);
        return matches.get(0);
    }
}
