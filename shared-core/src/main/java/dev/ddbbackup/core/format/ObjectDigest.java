package dev.ddbbackup.core.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Running SHA-256, MD5 and byte count of a stored object's bytes, in the encodings the manifest uses
 * (hex SHA-256; base64 MD5 as native export manifests have it).
 */
public final class ObjectDigest {

    private final MessageDigest sha256;
    private final MessageDigest md5;
    private long bytes;

    public ObjectDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM lacks SHA-256 or MD5", e);
        }
    }

    public void update(byte[] b, int off, int len) {
        sha256.update(b, off, len);
        md5.update(b, off, len);
        bytes += len;
    }

    public void update(int b) {
        sha256.update((byte) b);
        md5.update((byte) b);
        bytes++;
    }

    public long bytes() {
        return bytes;
    }

    /** Completes the digest; call once. */
    public Result finish() {
        return new Result(HexFormat.of().formatHex(sha256.digest()),
                Base64.getEncoder().encodeToString(md5.digest()), bytes);
    }

    /** Hex SHA-256 of a byte array. */
    public static String sha256Hex(byte[] data) {
        ObjectDigest d = new ObjectDigest();
        d.update(data, 0, data.length);
        return d.finish().sha256();
    }

    /** The finished digests of one object. */
    public record Result(String sha256, String md5Base64, long bytes) {}
}
