package dev.ddbbackup.recovery.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CustomResourceEventTest {

    @Test
    void parse_update_readsEveryField() throws IOException {
        CustomResourceEvent e = CustomResourceEvent.parse(fixture("cfn-update.json"));

        assertThat(e.requestType()).isEqualTo("Update");
        assertThat(e.responseUrl().getHost()).isEqualTo("cloudformation-custom-resource-response-useast1.s3.amazonaws.com");
        assertThat(e.stackId()).startsWith("arn:aws:cloudformation:us-east-1:123456789012:stack/backup-stack/");
        assertThat(e.requestId()).isEqualTo("2c4e6a8b-1d3f-4b5d-8e7f-9a0b1c2d3e4f");
        assertThat(e.logicalResourceId()).isEqualTo("TestRestore");
        assertThat(e.physicalResourceId()).isEqualTo("restore-test-Orders");
        assertThat(e.resourceType()).isEqualTo("Custom::TestRestore");
        assertThat(e.resourceProperties()).containsEntry("TableName", "OrdersV2").containsEntry("BackupBucket", "team-dynamodb-backups");
        assertThat(e.oldResourceProperties()).containsEntry("TableName", "Orders");
    }

    @Test
    void parse_create_hasNoPhysicalIdOrOldProperties() throws IOException {
        CustomResourceEvent e = CustomResourceEvent.parse(fixture("cfn-create.json"));

        assertThat(e.physicalResourceId()).isNull();
        assertThat(e.oldResourceProperties()).isEmpty();
    }

    @Test
    void parse_nonStringProperties_areKeptAsText() {
        CustomResourceEvent e = CustomResourceEvent.parse(json("""
                {"RequestType":"Create","ResponseURL":"https://h.example/x","StackId":"s","RequestId":"r","LogicalResourceId":"L",
                 "ResourceProperties":{"TableName":123,"Flag":true,"Nested":{"a":1},"Gone":null}}"""));

        assertThat(e.resourceProperties()).containsEntry("TableName", "123").containsEntry("Flag", "true")
                .containsEntry("Nested", "{\"a\":1}").doesNotContainKey("Gone");
    }

    @Test
    void parse_withoutStackId_cannotBeAnswered() {
        assertThatThrownBy(() -> CustomResourceEvent.parse(json("""
                {"RequestType":"Create","ResponseURL":"https://h.example/x","RequestId":"r","LogicalResourceId":"L"}""")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("StackId: is missing");
    }

    @Test
    void parse_withNonHttpResponseUrl_refusesWithoutEchoingIt() {
        assertThatThrownBy(() -> CustomResourceEvent.parse(json("""
                {"RequestType":"Create","ResponseURL":"file:///etc/secret-signature","StackId":"s","RequestId":"r","LogicalResourceId":"L"}""")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ResponseURL: must be an absolute http(s) URL")
                .hasMessageNotContaining("secret-signature");
    }

    @Test
    void parse_notJson_namesTheEvent() {
        assertThatThrownBy(() -> CustomResourceEvent.parse(json("not json")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("event: is not valid JSON");
    }

    @Test
    void toString_showsTheHostButNotTheSignedUrl() throws IOException {
        String text = CustomResourceEvent.parse(fixture("cfn-create.json")).toString();

        assertThat(text).contains("cloudformation-custom-resource-response-useast1.s3.amazonaws.com")
                .doesNotContain("X-Amz-Signature").doesNotContain("3b9f0c2d8e7a6b5c");
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = CustomResourceEventTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }
}
