package dev.ddbbackup.core.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads bytes through while feeding an {@link ObjectDigest}, so a stored object can be parsed and its
 * SHA-256 and MD5 checked in one streaming pass.
 */
public final class DigestingInputStream extends FilterInputStream {

    private final ObjectDigest digest = new ObjectDigest();

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
        }
        return n;
    }

    /** Reads to the end so the digest covers the whole object, even past a gzip trailer. */
    public void drain() throws IOException {
        byte[] buf = new byte[8192];
        while (read(buf, 0, buf.length) >= 0) {
            // reading is the point
        }
    }

    public ObjectDigest digest() {
        return digest;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
