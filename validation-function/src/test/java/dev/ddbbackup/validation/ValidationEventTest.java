package dev.ddbbackup.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ValidationEventTest {

    @Test
    void parse_emptyOrEmptyObject_isTheScheduledRunWithoutDrill() {
        assertThat(ValidationEvent.parse(new byte[0])).isEqualTo(new ValidationEvent.Scheduled(false));
        assertThat(parse("{}")).isEqualTo(new ValidationEvent.Scheduled(false));
        assertThat(parse("null")).isEqualTo(new ValidationEvent.Scheduled(false));
    }

    @Test
    void parse_drill_acceptsBooleansAndTheirStrings() {
        assertThat(parse("{\"drill\": true}")).isEqualTo(new ValidationEvent.Scheduled(true));
        assertThat(parse("{\"drill\": \"false\"}")).isEqualTo(new ValidationEvent.Scheduled(false));
    }

    @Test
    void parse_eventFiles_scheduledDrillAndRestoreTest() throws IOException {
        assertThat(ValidationEvent.parse(Files.readAllBytes(Path.of("../events/validation-scheduled.json"))))
                .isEqualTo(new ValidationEvent.Scheduled(false));
        assertThat(ValidationEvent.parse(Files.readAllBytes(Path.of("../events/validation-drill.json"))))
                .isEqualTo(new ValidationEvent.Scheduled(true));
        ValidationEvent.Command c = ValidationEvent.parse(Files.readAllBytes(Path.of("../events/validation-restore-test.json")));
        assertThat(c).isInstanceOf(ValidationEvent.RestoreTest.class);
        RestoreTestEvent e = ((ValidationEvent.RestoreTest) c).event();
        assertThat(e.completed()).isTrue();
        assertThat(e.restoreJobId()).isEqualTo("3E5C2A7D-91B4-4F06-8D2E-5A1B7C9E0F34");
        assertThat(e.restoredTable()).isEqualTo("awsbackup-restore-test-b1d0e8f2-4c3a-4e55-9f7b-2a6d8c0e1f3a");
        assertThat(e.sourceTable()).contains("products");
        assertThat(e.reportedTable()).isEqualTo("products");
    }

    @Test
    void parse_scheduledEnvelopeWithDrillInDetail_asksForADrill() {
        assertThat(parse("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{\"drill\":true}}"))
                .isEqualTo(new ValidationEvent.Scheduled(true));
    }

    @Test
    void parse_badInput_namesTheField() {
        assertThatThrownBy(() -> parse("{\"dril\": true}")).isInstanceOf(ConfigException.class)
                .hasMessage("event: unknown field 'dril'; the only field is \"drill\" (true or false)");
        assertThatThrownBy(() -> parse("{\"drill\": \"sometimes\"}")).isInstanceOf(ConfigException.class)
                .hasMessage("drill: must be true or false, got \"sometimes\"");
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(ConfigException.class).hasMessageStartingWith("event: must be a JSON object");
        assertThatThrownBy(() -> parse("{nope")).isInstanceOf(ConfigException.class).hasMessageStartingWith("event: is not valid JSON");
        assertThatThrownBy(() -> parse("{\"source\":\"aws.backup\",\"detail-type\":\"Backup Job State Change\",\"detail\":{}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("detail-type: 'Backup Job State Change' from 'aws.backup' is not an event this function handles");
    }

    @Test
    void parse_restoreEventOfAnotherResourceType_isRefusedNamingTheRuleFix() {
        assertThatThrownBy(() -> parse(restoreEvent("\"resourceType\":\"EBS\",\"status\":\"COMPLETED\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("detail.resourceType: is 'EBS'; this function validates DynamoDB restores only");
    }

    @Test
    void parse_restoreEventWithoutPlan_isRefused() {
        assertThatThrownBy(() -> parse("{\"source\":\"aws.backup\",\"detail-type\":\"Restore Job State Change\",\"detail\":{"
                + "\"restoreJobId\":\"J\",\"status\":\"COMPLETED\",\"resourceType\":\"DynamoDB\","
                + "\"createdResourceArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/copy\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("detail.restoreTestingPlanArn: is missing: only restore jobs started by a restore testing plan");
    }

    @Test
    void parse_completedRestoreEventWithoutATableArn_isRefused() {
        assertThatThrownBy(() -> parse(restoreEvent("\"resourceType\":\"DynamoDB\",\"status\":\"COMPLETED\"")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("detail.createdResourceArn: is missing");
        assertThatThrownBy(() -> parse(restoreEvent("\"resourceType\":\"DynamoDB\",\"status\":\"COMPLETED\","
                + "\"createdResourceArn\":\"arn:aws:rds:us-east-1:123456789012:db:x\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("detail.createdResourceArn: 'arn:aws:rds:us-east-1:123456789012:db:x' is not a DynamoDB table ARN "
                        + "(arn:aws:dynamodb:REGION:ACCOUNT:table/NAME)");
    }

    @Test
    void parse_failedRestoreEvent_needsNoTable() {
        ValidationEvent.RestoreTest t = (ValidationEvent.RestoreTest) parse(restoreEvent(
                "\"resourceType\":\"DynamoDB\",\"status\":\"FAILED\",\"statusMessage\":\"Access denied\""));

        assertThat(t.event().completed()).isFalse();
        assertThat(t.event().statusMessage()).isEqualTo("Access denied");
        assertThat(t.event().reportedTable()).isEqualTo("restore-job-J1");
    }

    private static String restoreEvent(String detailFields) {
        return "{\"source\":\"aws.backup\",\"detail-type\":\"Restore Job State Change\",\"detail\":{\"restoreJobId\":\"J1\","
                + "\"restoreTestingPlanArn\":\"arn:aws:backup:us-east-1:123456789012:restore-testing-plan:p-1\"," + detailFields + "}}";
    }

    private static ValidationEvent.Command parse(String json) {
        return ValidationEvent.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
