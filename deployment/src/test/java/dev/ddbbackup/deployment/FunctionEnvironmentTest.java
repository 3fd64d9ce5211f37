package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every environment variable a function's code reads is set by the template, to a value the code accepts. */
class FunctionEnvironmentTest {

    static Stream<Arguments> functionsAndParameterSets() {
        return FunctionIamTest.functionsAndParameterSets();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("functionsAndParameterSets")
    void everyVariableTheCodeReadsIsSet_andAccepted(String functionId, String set, Map<String, String> parameters) {
        Template t = Template.repo();

        assertThat(EnvironmentCheck.problems(t, new Evaluator(t, parameters), functionId)).isEmpty();
    }

    @Test
    void aRemovedVariable_isReported() {
        Template t = Template.repo().copy();
        TemplateReferencesTest.variables(t, "BackupFunction").remove("BACKUP_PREFIX");
        TemplateReferencesTest.variables(t, "RestoreTestFunction").remove("METRICS_NAMESPACE");

        assertThat(EnvironmentCheck.problems(t, new Evaluator(t, Map.of()), "BackupFunction")).containsExactly(
                "BackupFunction: dev.ddbbackup.backup.BackupHandler reads BACKUP_PREFIX, which the template does not set"
                        + " (set it, to \"\" for the code's default)");
        assertThat(EnvironmentCheck.problems(t, new Evaluator(t, Map.of()), "RestoreTestFunction")).singleElement().asString()
                .contains("reads METRICS_NAMESPACE, which the template does not set");
    }

    @Test
    void aValueTheCodeRefuses_isReported() {
        Template t = Template.repo().copy();
        TemplateReferencesTest.variables(t, "RecoveryFunction").put("BATCH_SIZE", "26");

        assertThat(EnvironmentCheck.problems(t, new Evaluator(t, Map.of()), "RecoveryFunction")).containsExactly(
                "RecoveryFunction: the code refuses the template's environment: BATCH_SIZE: must be between 1 and 25, got 26");
    }
}
