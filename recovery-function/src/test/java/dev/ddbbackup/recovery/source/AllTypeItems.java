package dev.ddbbackup.recovery.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items that use every attribute type and awkward values, keyed by a string {@code pk}. */
final class AllTypeItems {

    private AllTypeItems() {}

    static Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("pk", AttributeValue.fromS("item#" + i));
        m.put("big", AttributeValue.fromN("12345678901234567890.123456789"));
        m.put("digits38", AttributeValue.fromN("1234567890123456789012345678901234567" + (i % 10)));
        m.put("exp", AttributeValue.fromN("1.5E+100"));
        m.put("tiny", AttributeValue.fromN("-1E-130"));
        m.put("text", AttributeValue.fromS("ünïcødé ✓ 😀 \"q\" \\ \n\t\u0001 #" + i));
        m.put("empty", AttributeValue.fromS(""));
        m.put("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xff, (byte) i, 10, 13})));
        m.put("ss", AttributeValue.fromSs(List.of("a", "b")));
        m.put("ns", AttributeValue.fromNs(List.of("1", "2.5", "-3")));
        m.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1}), SdkBytes.fromByteArray(new byte[] {2, 3}))));
        m.put("list", AttributeValue.fromL(List.of(AttributeValue.fromN("7"), AttributeValue.fromS("x"),
                AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {9})), AttributeValue.fromNul(true),
                AttributeValue.fromL(List.of(AttributeValue.fromBool(false))))));
        m.put("map", AttributeValue.fromM(Map.of("nested", AttributeValue.fromM(Map.of(
                "bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {4, 5})), "n", AttributeValue.fromN("0.1"))))));
        m.put("flag", AttributeValue.fromBool(i % 2 == 0));
        m.put("nothing", AttributeValue.fromNul(true));
        return m;
    }

    static Map<String, AttributeValue> key(int i) {
        return Map.of("pk", AttributeValue.fromS("item#" + i));
    }
}
