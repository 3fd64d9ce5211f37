package dev.ddbbackup.recovery.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomResourceResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void body_whenReasonIsTooLong_cutsItToFitCloudFormationsLimit() throws IOException {
        String reason = "é".repeat(3000) + "😀".repeat(500);
        CustomResourceResponse response = new CustomResourceResponse("FAILED", reason, "restore-test-Orders", "stack",
                "request", "TestRestore", false, Map.of("Passed", "false"));

        byte[] body = response.body();

        assertThat(body.length).as("cut no more than needed")
                .isBetween(CustomResourceResponse.MAX_BODY_BYTES - 4, CustomResourceResponse.MAX_BODY_BYTES);
        JsonNode json = JSON.readTree(body);
        assertThat(json.get("Reason").asText()).startsWith("ééé").endsWith("...");
        assertThat(json.get("Status").asText()).isEqualTo("FAILED");
        assertThat(json.get("Data").get("Passed").asText()).isEqualTo("false");
    }

    @Test
    void body_whenTheCutFallsInsideAPairOfSurrogates_keepsWholeCharacters() throws IOException {
        for (String start : new String[] {"", "a", "ab", "abc"}) {
            String reason = start + "😀".repeat(2000);
            CustomResourceResponse response = new CustomResourceResponse("FAILED", reason, "id-1", "s", "r", "L", false, Map.of());

            byte[] body = response.body();

            assertThat(body.length).isLessThanOrEqualTo(CustomResourceResponse.MAX_BODY_BYTES);
            String cut = JSON.readTree(body).get("Reason").asText();
            assertThat(cut).endsWith("...");
            assertThat(cut.substring(start.length(), cut.length() - 3)).matches("(😀)+");
        }
    }

    @Test
    void body_whenSmall_isUnchanged() throws IOException {
        CustomResourceResponse response = new CustomResourceResponse("SUCCESS", "fine", "id-1", "stack", "request",
                "L", false, Map.of());

        assertThat(JSON.readTree(response.body()).get("Reason").asText()).isEqualTo("fine");
    }

    @Test
    void failedWithoutReason_isRefused() {
        assertThatThrownBy(() -> new CustomResourceResponse("FAILED", "", "id-1", "s", "r", "L", false, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyOrOversizedPhysicalId_isRefused() {
        assertThatThrownBy(() -> new CustomResourceResponse("SUCCESS", "", "", "s", "r", "L", false, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomResourceResponse("SUCCESS", "", "x".repeat(1025), "s", "r", "L", false, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
