package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FunctionConfigurationTest {

    static Stream<String> functions() {
        return Template.repo().functionIds().stream();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void function_hasRuntimeTracingTimeoutLogsOnFailureDestinationRoleAndErrorsAlarm(String functionId) {
        assertThat(FunctionCheck.problems(Template.repo(), functionId)).isEmpty();
    }

    @Test
    void backupAndRecovery_mayRunFifteenMinutes_andTwoBackupsNeverOverlap() {
        Template t = Template.repo();

        assertThat(t.functionProperties("BackupFunction")).containsEntry("Timeout", 900).containsEntry("ReservedConcurrentExecutions", 1);
        assertThat(t.functionProperties("RecoveryFunction")).containsEntry("Timeout", 900);
        assertThat(FunctionCheck.path(t.functionProperties("BackupFunction"), "Events", "Daily", "Type")).isEqualTo("Schedule");
    }

    @Test
    void validationMayRunFifteenMinutesForADrill_andAFailedCheckIsNotRetried() {
        Template t = Template.repo();

        assertThat(t.functionProperties("ValidationFunction")).containsEntry("Timeout", 900).containsEntry("MemorySize", 2048);
        assertThat(FunctionCheck.path(t.functionProperties("ValidationFunction"), "EventInvokeConfig", "MaximumRetryAttempts")).isEqualTo(0);
        assertThat(FunctionCheck.path(t.functionProperties("ValidationFunction"), "Events", "RestoreTestingJobs", "Properties", "Pattern",
                "detail-type")).isEqualTo(List.of("Restore Job State Change"));
        assertThat(t.functionProperties("RotationFunction")).containsEntry("MemorySize", 512);
    }

    @Test
    void aFunctionWithoutLogGroupOrOnFailureDestinationOrAlarm_isReported() {
        Template t = Template.repo().copy();
        t.properties("RecoveryFunction").remove("LoggingConfig");
        t.properties("RecoveryFunction").remove("EventInvokeConfig");
        t.properties("RecoveryErrorsAlarm").put("AlarmActions", List.of());
        t.properties("RecoveryFunction").put("Timeout", 1200);

        assertThat(FunctionCheck.problems(t, "RecoveryFunction")).containsExactly(
                "RecoveryFunction: Timeout must be a number of seconds up to 900, got 1200",
                "RecoveryFunction: LoggingConfig.LogGroup must be !Ref an AWS::Logs::LogGroup of the template",
                "RecoveryFunction: EventInvokeConfig.DestinationConfig.OnFailure needs a Type and a Destination",
                "RecoveryFunction: no alarm with actions on its AWS/Lambda Errors");
    }

    @Test
    void globalsApply_unlessAFunctionOverridesThem() {
        Template t = Template.repo().copy();
        Template.map(t.section("Globals").get("Function")).put("Runtime", "java17");

        assertThat(FunctionCheck.problems(t, "BackupFunction")).containsExactly("BackupFunction: Runtime must be java21, got java17");
    }
}
