package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 day)", "rate(5 minutes)", "rate(12 hours)", "cron(0 1 * * ? *)", "cron(0 0 ? * SUN *)",
            "cron(0 0 1 * ? *)", "cron(0 5 * * ? *)", "cron(15 3 ? * MON-FRI *)", "cron(0/15 * * * ? 2026-2030)",
            "cron(0 2 L * ? *)", "cron(0 2 ? * 6#3 *)", "cron(0 2 15W * ? *)", "cron(0 2 ? JAN,JUL 2L *)", "cron(0 0 1 */3 ? *)"})
    void validExpressions_areAccepted(String expression) {
        assertThat(ScheduleExpression.problem(expression)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 days)", "rate(2 hour)", "rate(0 minutes)", "rate(5 weeks)", "cron(0 1 * * *)",
            "cron(0 1 * * * *)", "cron(0 1 ? * ? *)", "cron(60 1 * * ? *)", "cron(0 24 * * ? *)", "cron(0 1 32 * ? *)",
            "cron(0 1 ? * MON#6 *)", "cron(0 1 * 13 ? *)", "cron(0 1 ? * FUNDAY *)", "cron(0/0 1 * * ? *)", "0 1 * * ? *"})
    void invalidExpressions_areRefused(String expression) {
        assertThat(ScheduleExpression.problem(expression)).isPresent();
    }

    @Test
    void problems_nameTheFieldAndTheFix() {
        assertThat(ScheduleExpression.problem("cron(0 1 * * * *)"))
                .hasValue("cron(0 1 * * * *): exactly one of day-of-month and day-of-week must be '?'");
        assertThat(ScheduleExpression.problem("cron(0 25 * * ? *)")).hasValue("cron(0 25 * * ? *): hours '25' has 25, outside 0-23");
        assertThat(ScheduleExpression.problem("rate(1 days)"))
                .hasValue("rate(1 days): a rate of 1 takes the singular unit (minute, hour, day), a larger one the plural");
    }

    static Stream<Arguments> parameterSets() {
        return TemplateEvaluationTest.parameterSets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterSets")
    void everyScheduleOfTheTemplate_isValid(String name, Map<String, String> parameters) {
        Map<String, String> schedules = ScheduleExpression.schedules(Template.repo(), new Evaluator(Template.repo(), parameters));

        assertThat(schedules).containsKeys("BackupFunction.Events.Daily", "RotationFunction.Events.Daily", "ValidationFunction.Events.Daily",
                "ValidationFunction.Events.MonthlyRestoreDrill", "BackupPlan rule DailyBackups", "BackupPlan rule WeeklyBackups",
                "BackupPlan rule MonthlyBackups");
        assertThat(schedules).allSatisfy((where, expression) -> assertThat(ScheduleExpression.problem(expression)).as(where).isEmpty());
    }

    @Test
    void validationRunsDailyAtFiveUtc_andTheRestoreDrillMonthly_byDefault() {
        Map<String, String> schedules = ScheduleExpression.schedules(Template.repo(), new Evaluator(Template.repo(), Map.of()));

        assertThat(schedules).containsEntry("ValidationFunction.Events.Daily", "cron(0 5 * * ? *)")
                .containsEntry("ValidationFunction.Events.MonthlyRestoreDrill", "cron(0 6 1 * ? *)")
                .containsEntry("RotationFunction.Events.Daily", "cron(0 2 * * ? *)");
    }

    @Test
    void aBadScheduleParameter_isFound() {
        Map<String, String> schedules = ScheduleExpression.schedules(Template.repo(),
                new Evaluator(Template.repo(), Map.of("BackupSchedule", "cron(0 1 * * * *)")));

        assertThat(ScheduleExpression.problem(schedules.get("BackupFunction.Events.Daily"))).isPresent();
    }
}
