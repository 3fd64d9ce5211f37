package dev.ddbbackup.recovery.cfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.core.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudFormation custom resource request, as CloudFormation sends it to the Lambda function.
 *
 * <p>{@link #parse} refuses only events that cannot be answered (no usable {@code ResponseURL}, or no
 * {@code StackId}, {@code RequestId} or {@code LogicalResourceId} to copy into the answer); anything
 * else wrong with the request is for the handler to answer FAILED with a reason.
 *
 * @param requestType          {@code Create}, {@code Update} or {@code Delete} as sent ("" when absent)
 * @param responseUrl          the presigned S3 URL that takes the answer; never log or show it
 * @param physicalResourceId   the resource's id on Update and Delete, or null on Create
 * @param resourceType         for example {@code Custom::RestoreTest}, or null
 * @param resourceProperties   the resource's properties as strings (CloudFormation sends strings)
 * @param oldResourceProperties the properties before an Update, empty otherwise
 */
public record CustomResourceEvent(
        String requestType,
        URI responseUrl,
        String stackId,
        String requestId,
        String logicalResourceId,
        String physicalResourceId,
        String resourceType,
        Map<String, String> resourceProperties,
        Map<String, String> oldResourceProperties) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public CustomResourceEvent {
        requestType = requestType == null ? "" : requestType;
        if (responseUrl == null) {
            throw new ConfigException("ResponseURL", "is required to answer CloudFormation");
        }
        resourceProperties = Map.copyOf(resourceProperties);
        oldResourceProperties = Map.copyOf(oldResourceProperties);
    }

    /** Shows the response URL's host only: the full URL lets anyone answer for this resource. */
    @Override
    public String toString() {
        return "CustomResourceEvent[requestType=" + requestType + ", responseHost=" + responseUrl.getHost()
                + ", stackId=" + stackId + ", requestId=" + requestId + ", logicalResourceId=" + logicalResourceId
                + ", physicalResourceId=" + physicalResourceId + ", resourceType=" + resourceType
                + ", resourceProperties=" + resourceProperties + ", oldResourceProperties=" + oldResourceProperties + "]";
    }

    /**
     * Reads the event JSON.
     *
     * @throws ConfigException naming the field when the event cannot be answered at all
     */
    public static CustomResourceEvent parse(byte[] event) {
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (JsonProcessingException e) {
            throw new ConfigException("event", "is not valid JSON (" + e.getOriginalMessage()
                    + "); expected a CloudFormation custom resource request");
        } catch (IOException e) {
            throw new ConfigException("event", "could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("event", "must be a JSON object: a CloudFormation custom resource request");
        }
        return new CustomResourceEvent(
                text(root, "RequestType"),
                responseUrl(text(root, "ResponseURL")),
                required(root, "StackId"),
                required(root, "RequestId"),
                required(root, "LogicalResourceId"),
                text(root, "PhysicalResourceId"),
                text(root, "ResourceType"),
                properties(root.get("ResourceProperties")),
                properties(root.get("OldResourceProperties")));
    }

    private static URI responseUrl(String url) {
        // The URL itself stays out of every message: it is a bearer credential for the answer.
        if (url == null) {
            throw new ConfigException("ResponseURL", "is missing, so the request cannot be answered;"
                    + " invoke this function only through a CloudFormation custom resource");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("ResponseURL", "is not a valid URL, so the request cannot be answered");
        }
        String scheme = uri.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw new ConfigException("ResponseURL", "must be an absolute http(s) URL, so the request cannot be answered");
        }
        return uri;
    }

    private static String required(JsonNode root, String field) {
        String v = text(root, field);
        if (v == null) {
            throw new ConfigException(field, "is missing; CloudFormation's answer must copy it, so the request cannot be answered");
        }
        return v;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull() || !n.isValueNode() || n.asText().isBlank()) {
            return null;
        }
        return n.asText();
    }

    /** Properties as strings: CloudFormation sends strings; a nested value is kept as its JSON text. */
    private static Map<String, String> properties(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isNull()) {
                out.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
            }
        }
        return out;
    }
}
