package dev.ddbbackup.recovery.cfn;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a CloudFormation custom resource request: the JSON document PUT to the request's
 * {@code ResponseURL}.
 *
 * <p>Fields as CloudFormation's "custom resource response objects" reference defines them: {@code Status}
 * ({@code SUCCESS} or {@code FAILED}), {@code Reason} (required when FAILED), {@code PhysicalResourceId}
 * (non-empty, at most 1 KB, the same for every answer about one resource), {@code StackId},
 * {@code RequestId} and {@code LogicalResourceId} copied from the request, {@code NoEcho}, and
 * {@code Data} (name-value pairs for {@code Fn::GetAtt}). The whole body must fit in 4096 bytes;
 * {@link #body()} shortens the reason when it would not.
 */
@JsonPropertyOrder({"Status", "Reason", "PhysicalResourceId", "StackId", "RequestId", "LogicalResourceId", "NoEcho", "Data"})
public record CustomResourceResponse(
        @JsonProperty("Status") String status,
        @JsonProperty("Reason") String reason,
        @JsonProperty("PhysicalResourceId") String physicalResourceId,
        @JsonProperty("StackId") String stackId,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("LogicalResourceId") String logicalResourceId,
        @JsonProperty("NoEcho") boolean noEcho,
        @JsonProperty("Data") Map<String, String> data) {

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";
    /** CloudFormation rejects larger answers. */
    public static final int MAX_BODY_BYTES = 4096;
    static final int MAX_PHYSICAL_ID_BYTES = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUT = "...";

    public CustomResourceResponse {
        if (!SUCCESS.equals(status) && !FAILED.equals(status)) {
            throw new IllegalArgumentException("status must be SUCCESS or FAILED, got " + status);
        }
        reason = reason == null ? "" : reason;
        if (FAILED.equals(status) && reason.isBlank()) {
            throw new IllegalArgumentException("a FAILED answer needs a reason");
        }
        if (physicalResourceId == null || physicalResourceId.isEmpty()
                || physicalResourceId.getBytes(StandardCharsets.UTF_8).length > MAX_PHYSICAL_ID_BYTES) {
            throw new IllegalArgumentException("PhysicalResourceId must be 1 to " + MAX_PHYSICAL_ID_BYTES + " bytes");
        }
        // Data keeps its order, so the answer reads the same way every time.
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A successful answer. */
    public static CustomResourceResponse success(CustomResourceEvent event, String physicalResourceId, String reason,
            Map<String, String> data) {
        return new CustomResourceResponse(SUCCESS, reason, physicalResourceId, event.stackId(), event.requestId(),
                event.logicalResourceId(), false, data);
    }

    /** A failed answer; CloudFormation shows the reason in the stack events. */
    public static CustomResourceResponse failed(CustomResourceEvent event, String physicalResourceId, String reason,
            Map<String, String> data) {
        return new CustomResourceResponse(FAILED, reason, physicalResourceId, event.stackId(), event.requestId(),
                event.logicalResourceId(), false, data);
    }

    /**
     * The JSON body, UTF-8; a reason too long for the 4096-byte limit is cut and ends with "...".
     *
     * @throws IllegalStateException when the answer is too large even with an empty reason
     */
    public byte[] body() {
        byte[] whole = serialize(reason);
        if (whole.length <= MAX_BODY_BYTES) {
            return whole;
        }
        if (serialize(CUT).length > MAX_BODY_BYTES) {
            throw new IllegalStateException("the answer to " + logicalResourceId + " is over " + MAX_BODY_BYTES
                    + " bytes even without a reason");
        }
        // The longest start of the reason that fits: characters weigh 1-4 bytes, escaped ones more.
        int fits = 0;
        int tooLong = reason.length();
        while (tooLong - fits > 1) {
            int mid = (fits + tooLong) >>> 1;
            if (serialize(cut(mid)).length <= MAX_BODY_BYTES) {
                fits = mid;
            } else {
                tooLong = mid;
            }
        }
        return serialize(cut(fits));
    }

    private String cut(int keep) {
        // Never split a surrogate pair: half a character is not valid text.
        int end = keep > 0 && Character.isHighSurrogate(reason.charAt(keep - 1)) ? keep - 1 : keep;
        return reason.substring(0, end) + CUT;
    }

    private byte[] serialize(String r) {
        try {
            return JSON.writeValueAsBytes(new CustomResourceResponse(status, r, physicalResourceId, stackId, requestId,
                    logicalResourceId, noEcho, data));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
