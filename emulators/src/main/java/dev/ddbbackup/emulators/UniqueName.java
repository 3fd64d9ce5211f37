package dev.ddbbackup.emulators;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes table and bucket names unique within a test run, because every test in a JVM shares one
 * instance of each emulator.
 *
 * <p>Names are lowercase letters, digits and hyphens, valid both as DynamoDB table names and as
 * S3 bucket names.
 */
public final class UniqueName {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    // Distinguishes JVMs that share an emulator outside the test run, such as a running demo.
    private static final String RUN = Integer.toString(
            ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);

    private UniqueName() {
    }

    /**
     * Returns {@code prefix} followed by a suffix unique in this JVM, at most 63 characters long.
     *
     * @param prefix lowercase letters, digits and hyphens, starting with a letter or digit
     * @throws IllegalArgumentException if the prefix has other characters
     */
    public static String next(String prefix) {
        if (!prefix.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "Prefix must be lowercase letters, digits and hyphens: '" + prefix + "'");
        }
        String suffix = "-" + RUN + "-" + COUNTER.incrementAndGet();
        String head = prefix.length() + suffix.length() > 63
                ? prefix.substring(0, 63 - suffix.length())
                : prefix;
        return head + suffix;
    }
}
