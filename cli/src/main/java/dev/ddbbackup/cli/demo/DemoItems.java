package dev.ddbbackup.cli.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deterministic ~1 KB demo items that use every attribute type: S (with unicode), N (38 digits,
 * exponents), B, SS, NS, BS, L with binary inside, M, BOOL, NULL and an empty string.
 */
public final class DemoItems {

    public static final String TABLE = "DemoOrders";
    public static final String GSI = "byCustomer";

    private DemoItems() {}

    /** Item number {@code i}; the same i always gives the same item. */
    public static Map<String, AttributeValue> item(long i) {
        // Seeded through a mix: seeds i * gamma would make item i's text item 0's shifted by i
        // characters, which gzip compresses unrealistically well.
        SplittableRandom r = new SplittableRandom(new SplittableRandom(i).nextLong());
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("pk", AttributeValue.fromS("order#" + i));
        m.put("sk", AttributeValue.fromN(Long.toString(i % 7)));
        m.put("customer", AttributeValue.fromS("customer#" + (i % 1000)));
        m.put("amount", AttributeValue.fromN("12345678901234567890.123456789"));
        m.put("ratio", AttributeValue.fromN(r.nextInt(1000) + "E-" + r.nextInt(1, 100)));
        m.put("note", AttributeValue.fromS("Đơn hàng ✓ \"quoted\" \\ tab\t" + randomText(r, 600)));
        m.put("empty", AttributeValue.fromS(""));
        m.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(bytes(r, 48))));
        m.put("tags", AttributeValue.fromSs(List.of("a", "b", "tag" + (i % 10))));
        m.put("scores", AttributeValue.fromNs(List.of("1", "2.5", "-0.000001", i + ".25")));
        m.put("blobs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(bytes(r, 8)), SdkBytes.fromByteArray(new byte[] {0}))));
        m.put("lines", AttributeValue.fromL(List.of(AttributeValue.fromN("3"), AttributeValue.fromS("x"),
                AttributeValue.fromB(SdkBytes.fromByteArray(bytes(r, 4))), AttributeValue.fromNul(true))));
        m.put("address", AttributeValue.fromM(Map.of(
                "street", AttributeValue.fromS("1 Main St"),
                "geo", AttributeValue.fromM(Map.of("lat", AttributeValue.fromN("-33.8688"), "lng", AttributeValue.fromN("151.2093"))),
                "raw", AttributeValue.fromB(SdkBytes.fromByteArray(bytes(r, 6))))));
        m.put("active", AttributeValue.fromBool(i % 2 == 0));
        m.put("deleted", AttributeValue.fromNul(true));
        return m;
    }

    private static String randomText(SplittableRandom r, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int k = 0; k < len; k++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            b[k] = (byte) r.nextInt(256);
        }
        return b;
    }
}
