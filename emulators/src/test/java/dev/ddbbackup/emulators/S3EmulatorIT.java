package dev.ddbbackup.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

@ExtendWith(S3EmulatorExtension.class)
class S3EmulatorIT {

    private static final int MIB = 1024 * 1024;

    @Test
    void putObject_withSha256_returnsSameBytesAndChecksum(S3Emulator s3) {
        String bucket = s3.createUniqueBucket("put");
        byte[] body = randomBytes(1000);
        try (S3Client client = s3.newClient()) {
            String stored = client.putObject(b -> b.bucket(bucket).key("small.bin")
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256),
                    RequestBody.fromBytes(body)).checksumSHA256();

            ResponseBytes<GetObjectResponse> read = client.getObjectAsBytes(b -> b.bucket(bucket)
                    .key("small.bin").checksumMode(ChecksumMode.ENABLED));

            assertThat(stored).isEqualTo(sha256Base64(body));
            assertThat(read.asByteArray()).isEqualTo(body);
            assertThat(read.response().checksumSHA256()).isEqualTo(sha256Base64(body));
        }
    }

    @Test
    void multipartUpload_withSha256Parts_returnsSameBytesAndCompositeChecksum(S3Emulator s3) {
        String bucket = s3.createUniqueBucket("multipart");
        byte[] first = randomBytes(5 * MIB);
        byte[] second = randomBytes(MIB / 2);
        try (S3Client client = s3.newClient()) {
            String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key("big.bin")
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
            UploadPartResponse part1 = client.uploadPart(b -> b.bucket(bucket).key("big.bin")
                    .uploadId(uploadId).partNumber(1).checksumAlgorithm(ChecksumAlgorithm.SHA256),
                    RequestBody.fromBytes(first));
            UploadPartResponse part2 = client.uploadPart(b -> b.bucket(bucket).key("big.bin")
                    .uploadId(uploadId).partNumber(2).checksumAlgorithm(ChecksumAlgorithm.SHA256),
                    RequestBody.fromBytes(second));
            client.completeMultipartUpload(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(
                            CompletedPart.builder().partNumber(1).eTag(part1.eTag())
                                    .checksumSHA256(part1.checksumSHA256()).build(),
                            CompletedPart.builder().partNumber(2).eTag(part2.eTag())
                                    .checksumSHA256(part2.checksumSHA256()).build())));

            byte[] read = client.getObjectAsBytes(b -> b.bucket(bucket).key("big.bin"))
                    .asByteArray();
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key("big.bin")
                    .checksumMode(ChecksumMode.ENABLED));

            assertThat(part1.checksumSHA256()).isEqualTo(sha256Base64(first));
            assertThat(part2.checksumSHA256()).isEqualTo(sha256Base64(second));
            assertThat(read).isEqualTo(concat(first, second));
            assertThat(head.checksumSHA256()).isEqualTo(compositeSha256(first, second));
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String sha256Base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(sha256(bytes));
    }

    /** S3's checksum of a multipart object: SHA-256 over the parts' digests, then "-count". */
    private static String compositeSha256(byte[]... parts) {
        MessageDigest digest = newSha256();
        for (byte[] part : parts) {
            digest.update(sha256(part));
        }
        return Base64.getEncoder().encodeToString(digest.digest()) + "-" + parts.length;
    }

    private static byte[] sha256(byte[] bytes) {
        return newSha256().digest(bytes);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
