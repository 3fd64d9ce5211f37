package dev.ddbbackup.core.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short constructors for items and values in tests, so fixtures read like the JSON they become. */
final class TestItems {

    private TestItems() {
    }

    /** An item from alternating names and values, in that order. */
    static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return item;
    }

    static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }

    static AttributeValue n(String number) {
        return AttributeValue.fromN(number);
    }

    static AttributeValue b(int... bytes) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(bytes(bytes)));
    }

    static AttributeValue ss(String... elements) {
        return AttributeValue.fromSs(Arrays.asList(elements));
    }

    static AttributeValue ns(String... elements) {
        return AttributeValue.fromNs(Arrays.asList(elements));
    }

    static AttributeValue bs(byte[]... elements) {
        List<SdkBytes> bytes = new ArrayList<>();
        for (byte[] element : elements) {
            bytes.add(SdkBytes.fromByteArray(element));
        }
        return AttributeValue.fromBs(bytes);
    }

    static AttributeValue l(AttributeValue... elements) {
        return AttributeValue.fromL(Arrays.asList(elements));
    }

    static AttributeValue m(Object... keysAndValues) {
        return AttributeValue.fromM(item(keysAndValues));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static AttributeValue nul() {
        return AttributeValue.fromNul(true);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
