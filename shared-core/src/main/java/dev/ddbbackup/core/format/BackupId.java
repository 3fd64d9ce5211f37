package dev.ddbbackup.core.format;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * A backup's id: its start time plus a short random suffix, e.g. {@code 2026-11-21T01-00-00Z-k3x9qa}.
 * Ids sort by time as plain strings, so "latest" is the greatest id.
 */
public record BackupId(String value) implements Comparable<BackupId> {

    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z-[a-z0-9]{6}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public BackupId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a backup id (expected like 2026-11-21T01-00-00Z-k3x9qa): " + value);
        }
    }

    /** True when {@code s} has the shape of a backup id. */
    public static boolean isValid(String s) {
        return s != null && SHAPE.matcher(s).matches();
    }

    /** A new id for a backup starting at {@code start}. */
    public static BackupId forStart(Instant start) {
        StringBuilder sb = new StringBuilder(TIME.format(start.truncatedTo(ChronoUnit.SECONDS))).append('-');
        for (int i = 0; i < 6; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new BackupId(sb.toString());
    }

    /** The start time encoded in the id (second precision). */
    public Instant startedAt() {
        return Instant.from(TIME.parse(value.substring(0, 20)));
    }

    @Override
    public int compareTo(BackupId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
