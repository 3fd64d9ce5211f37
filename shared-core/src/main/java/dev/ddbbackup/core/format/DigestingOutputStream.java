package dev.ddbbackup.core.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes through while feeding an {@link ObjectDigest}. */
final class DigestingOutputStream extends FilterOutputStream {

    private final ObjectDigest digest = new ObjectDigest();

    DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
    }

    ObjectDigest digest() {
        return digest;
    }
}
