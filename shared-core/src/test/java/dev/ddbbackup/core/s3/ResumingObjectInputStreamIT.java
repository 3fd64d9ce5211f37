package dev.ddbbackup.core.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.emulators.S3Emulator;
import dev.ddbbackup.emulators.S3EmulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Broken connections in the middle of a GetObject body, injected into the real SDK's response stream
 * from S3Mock; the resumed ranged reads go to S3Mock as they are.
 */
@ExtendWith(S3EmulatorExtension.class)
class ResumingObjectInputStreamIT {

    private static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1));
    private final S3Emulator emulator;

    ResumingObjectInputStreamIT(S3Emulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void read_whenTheConnectionBreaksTwice_carriesOnFromTheByteReached_andReturnsTheWholeObject() throws IOException {
        byte[] object = randomBytes(3_000_000, 1);
        String bucket = emulator.createUniqueBucket("resume");
        Breaker breaker = new Breaker(1_000_000, 700_000);
        try (S3Client plain = emulator.newClient(); S3Client breaking = breaker.client(emulator)) {
            plain.putObject(p -> p.bucket(bucket).key("data/0.json.gz"), RequestBody.fromBytes(object));

            byte[] read;
            int resumes;
            try (ResumingObjectInputStream in = ResumingObjectInputStream.open(breaking, bucket, "data/0.json.gz", QUICK)) {
                read = readAll(in);
                resumes = in.resumes();
            }

            assertThat(read).isEqualTo(object);
            assertThat(resumes).isEqualTo(2);
            assertThat(breaker.ranges).containsExactly("none", "bytes=1000000-", "bytes=1700000-");
        }
    }

    @Test
    void read_whenTheObjectIsOverwrittenBeforeTheResume_failsNamingIt_insteadOfMixingTwoVersions() throws IOException {
        String bucket = emulator.createUniqueBucket("resume");
        Breaker breaker = new Breaker(200_000);
        try (S3Client plain = emulator.newClient(); S3Client breaking = breaker.client(emulator)) {
            plain.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromBytes(randomBytes(500_000, 1)));
            try (ResumingObjectInputStream in = ResumingObjectInputStream.open(breaking, bucket, "k", QUICK)) {
                assertThat(in.readNBytes(100_000)).hasSize(100_000);
                plain.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromBytes(randomBytes(500_000, 2)));

                assertThatThrownBy(() -> readAll(in)).isInstanceOf(IOException.class)
                        .hasMessage("s3://" + bucket + "/k was overwritten while it was being read (its ETag changed)");
            }
        }
    }

    @Test
    void read_whenTheConnectionKeepsBreaking_passesTheErrorOnAfterTheLastResume() throws IOException {
        String bucket = emulator.createUniqueBucket("resume");
        Breaker breaker = new Breaker(new int[ResumingObjectInputStream.MAX_RESUMES + 5]);
        java.util.Arrays.fill(breaker.cuts, 1000);
        try (S3Client plain = emulator.newClient(); S3Client breaking = breaker.client(emulator)) {
            plain.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromBytes(randomBytes(100_000, 1)));
            try (ResumingObjectInputStream in = ResumingObjectInputStream.open(breaking, bucket, "k", QUICK)) {

                assertThatThrownBy(() -> readAll(in)).isInstanceOf(IOException.class).hasMessage("Connection reset (injected)");
                assertThat(in.resumes()).isEqualTo(ResumingObjectInputStream.MAX_RESUMES);
            }
        }
    }

    @Test
    void read_ofASlowlyReadBigObject_survivesMoreBreaksThanTheLimit_whenEachFollowsProgress() throws IOException {
        int breaks = ResumingObjectInputStream.MAX_RESUMES + 3;
        int step = (int) ResumingObjectInputStream.PROGRESS_BYTES + 1000;
        byte[] object = randomBytes(step * (breaks + 1), 3);
        String bucket = emulator.createUniqueBucket("resume");
        Breaker breaker = new Breaker(new int[breaks]);
        java.util.Arrays.fill(breaker.cuts, step);
        try (S3Client plain = emulator.newClient(); S3Client breaking = breaker.client(emulator)) {
            plain.putObject(p -> p.bucket(bucket).key("big"), RequestBody.fromBytes(object));
            try (ResumingObjectInputStream in = ResumingObjectInputStream.open(breaking, bucket, "big", QUICK)) {

                assertThat(readAll(in)).isEqualTo(object);
                assertThat(in.resumes()).isEqualTo(breaks);
            }
        }
    }

    /** Cuts the body of the n-th GetObject response after {@code cuts[n]} bytes; later responses pass whole. */
    private static final class Breaker implements ExecutionInterceptor {
        final int[] cuts;
        final AtomicInteger calls = new AtomicInteger();
        final List<String> ranges = new CopyOnWriteArrayList<>();

        Breaker(int... cuts) {
            this.cuts = cuts;
        }

        S3Client client(S3Emulator emulator) {
            return emulator.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(this)).build();
        }

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof GetObjectRequest get) || context.responseBody().isEmpty()) {
                return context.responseBody();
            }
            ranges.add(get.range() == null ? "none" : get.range());
            int call = calls.getAndIncrement();
            if (call >= cuts.length) {
                return context.responseBody();
            }
            return Optional.of(new CutAfter(context.responseBody().get(), cuts[call]));
        }
    }

    private static final class CutAfter extends FilterInputStream {
        private long left;

        CutAfter(InputStream in, long bytes) {
            super(in);
            this.left = bytes;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new IOException("Connection reset (injected)");
            }
            int b = super.read();
            left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("Connection reset (injected)");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
