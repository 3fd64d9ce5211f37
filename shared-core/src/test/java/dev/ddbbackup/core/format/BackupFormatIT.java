package dev.ddbbackup.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.codec.ItemLineFormat;
import dev.ddbbackup.core.codec.ItemLineReader;
import dev.ddbbackup.core.codec.ItemLines;
import dev.ddbbackup.core.s3.S3WriteOptions;
import dev.ddbbackup.emulators.S3Emulator;
import dev.ddbbackup.emulators.S3EmulatorExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

@ExtendWith(S3EmulatorExtension.class)
class BackupFormatIT {

    private static final String TABLE = "Orders";
    private final S3Client s3;
    private final S3Emulator emulator;
    private String bucket;
    private final BackupLayout layout = new BackupLayout("it");

    BackupFormatIT(S3Emulator emulator) {
        this.emulator = emulator;
        this.s3 = emulator.newClient();
    }

    @BeforeEach
    void bucket() {
        bucket = emulator.createUniqueBucket("format");
    }

    @Test
    void writtenBackup_readsBackIdentical_andVerifies() throws IOException {
        BackupRef ref = writeBackup(3, 200, ItemLineFormat.DYNAMODB_JSON);
        BackupCatalog catalog = new BackupCatalog(s3, bucket, layout);

        Manifest manifest = catalog.readManifest(ref);
        List<ManifestFileEntry> files = catalog.readManifestFiles(ref, manifest);
        VerificationReport report = new BackupVerifier(catalog, 4).verify(ref, true);

        assertThat(manifest.itemCount()).isEqualTo(600);
        assertThat(manifest.formatVersion()).isEqualTo(1);
        assertThat(manifest.outputFormat()).isEqualTo("DYNAMODB_JSON");
        assertThat(manifest.table().name()).isEqualTo(TABLE);
        assertThat(files).hasSize(3).allSatisfy(f -> assertThat(f.itemCount()).isEqualTo(200));
        assertThat(report.ok()).as(report.allProblems().toString()).isTrue();
        assertThat(report.itemsFound()).isEqualTo(600);
        List<Map<String, AttributeValue>> back = new ArrayList<>();
        for (ManifestFileEntry f : files) {
            try (ItemLineReader r = catalog.openItems(ref, manifest, f)) {
                for (Map<String, AttributeValue> item = r.next(); item != null; item = r.next()) {
                    back.add(item);
                }
            }
        }
        assertThat(back).hasSize(600).contains(item(1, 7), item(2, 199));
    }

    @Test
    void latest_ignoresBackupsWithoutManifest() throws IOException {
        BackupRef complete = writeBackup(1, 5);
        BackupId newer = BackupId.forStart(Instant.now().plusSeconds(60));
        s3.putObject(b -> b.bucket(bucket).key(layout.dataKey(TABLE, newer, 0, 1)), RequestBody.fromString("partial"));

        BackupCatalog catalog = new BackupCatalog(s3, bucket, layout);

        assertThat(catalog.latest(TABLE)).contains(complete);
        assertThat(catalog.list(TABLE)).containsExactly(complete);
        assertThat(catalog.tables()).containsExactly(TABLE);
        assertThatThrownBy(() -> catalog.get(TABLE, newer)).isInstanceOf(BackupNotFoundException.class)
                .hasMessageContaining("manifest.json missing");
    }

    @Test
    void oneByteAltered_failsVerificationNamingThePart() throws IOException {
        BackupRef ref = writeBackup(2, 50);
        BackupCatalog catalog = new BackupCatalog(s3, bucket, layout);
        String victim = catalog.readManifestFiles(ref, catalog.readManifest(ref)).get(1).dataFileS3Key();
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(victim)).asByteArray();
        bytes[bytes.length / 2] ^= 0x01;
        s3.putObject(b -> b.bucket(bucket).key(victim), RequestBody.fromBytes(bytes));

        VerificationReport report = new BackupVerifier(catalog, 2).verify(ref, true);

        assertThat(report.ok()).isFalse();
        assertThat(report.allProblems()).hasSize(1).first().asString().startsWith(victim + ": ");
    }

    @Test
    void verifiedFile_readsPinnedToTheVerifiedVersion_andOnceOverwrittenIsRefused() throws IOException {
        BackupRef ref = writeBackup(2, 50);
        BackupCatalog catalog = new BackupCatalog(s3, bucket, layout);
        Manifest manifest = catalog.readManifest(ref);
        List<ManifestFileEntry> files = catalog.readManifestFiles(ref, manifest);
        ManifestFileEntry entry = files.get(1);

        String eTag = new BackupVerifier(catalog, 1).verifyFile(ref, manifest, entry, item -> { });

        try (ItemLineReader r = catalog.openItems(ref, manifest, entry, eTag)) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertThat(n).isEqualTo(entry.itemCount());
        }
        byte[] other = s3.getObjectAsBytes(b -> b.bucket(bucket).key(files.get(0).dataFileS3Key())).asByteArray();
        s3.putObject(b -> b.bucket(bucket).key(entry.dataFileS3Key()), RequestBody.fromBytes(other));
        assertThatThrownBy(() -> catalog.openItems(ref, manifest, entry, eTag)).isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(entry.dataFileS3Key() + ": was overwritten after it was verified");
    }

    @Test
    void missingOrTruncatedPart_failsVerificationNamingThePart() throws IOException {
        BackupRef ref = writeBackup(3, 50);
        BackupCatalog catalog = new BackupCatalog(s3, bucket, layout);
        List<ManifestFileEntry> files = catalog.readManifestFiles(ref, catalog.readManifest(ref));
        String deleted = files.get(0).dataFileS3Key();
        String truncated = files.get(2).dataFileS3Key();
        s3.deleteObject(b -> b.bucket(bucket).key(deleted));
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(truncated)).asByteArray();
        s3.putObject(b -> b.bucket(bucket).key(truncated), RequestBody.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 20)));

        VerificationReport report = new BackupVerifier(catalog, 2).verify(ref, false);

        assertThat(report.allProblems()).containsExactlyInAnyOrder(
                deleted + ": data file is missing",
                report.files().get(2).key() + ": " + report.files().get(2).problem());
        assertThat(report.files().get(2).problem()).contains("gzip");
    }

    @Test
    void alteredManifestFiles_isDetected() throws IOException {
        BackupRef ref = writeBackup(1, 10);
        String text = s3.getObjectAsBytes(b -> b.bucket(bucket).key(ref.manifestFilesKey())).asUtf8String();
        s3.putObject(b -> b.bucket(bucket).key(ref.manifestFilesKey()),
                RequestBody.fromString(text.replace("\"itemCount\":10", "\"itemCount\":11")));

        VerificationReport report = new BackupVerifier(new BackupCatalog(s3, bucket, layout), 1).verify(ref, false);

        assertThat(report.ok()).isFalse();
        assertThat(report.allProblems()).singleElement().asString()
                .startsWith(ref.manifestFilesKey() + ": SHA-256").contains("does not match the manifest");
    }

    @Test
    void abort_leavesNothingBehind() throws IOException {
        BackupWriter writer = newWriter(BackupId.forStart(Instant.now()));
        try (BackupWriter.SegmentWriter seg = writer.segment(0)) {
            for (int i = 0; i < 10; i++) {
                seg.write(item(0, i));
            }
        }
        BackupWriter.SegmentWriter open = writer.segment(1);
        open.write(item(1, 0));

        assertThat(writer.abort()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void largeDataFile_goesUpAsMultipart_andVerifies() throws IOException {
        BackupId id = BackupId.forStart(Instant.now());
        BackupWriter writer = new BackupWriter(s3, bucket, layout, TABLE, id, S3WriteOptions.DEFAULT, Long.MAX_VALUE, 1,
                ItemLineFormat.DYNAMODB_JSON);
        java.util.Random random = new java.util.Random(7);
        try (BackupWriter.SegmentWriter seg = writer.segment(0)) {
            for (int i = 0; i < 400; i++) {
                byte[] noise = new byte[30_000]; // incompressible: 12 MB of gzip, two 8 MiB parts
                random.nextBytes(noise);
                seg.write(Map.of("pk", AttributeValue.fromS("k" + i), "b", AttributeValue.fromB(SdkBytes.fromByteArray(noise))));
            }
        }
        BackupRef ref = commit(writer, id, 1, ItemLineFormat.DYNAMODB_JSON);

        VerificationReport report = new BackupVerifier(new BackupCatalog(s3, bucket, layout), 1).verify(ref, true);

        assertThat(report.ok()).as(report.allProblems().toString()).isTrue();
        assertThat(report.bytesChecked()).isGreaterThan(8L * 1024 * 1024);
    }

    @Test
    void dataPipelineBackup_writesDataPipelineLines_recordsTheFormat_readsBackIdentical_andVerifiesDeep() throws IOException {
        BackupRef ref = writeBackup(2, 100, ItemLineFormat.DATA_PIPELINE);
        BackupCatalog catalog = new BackupCatalog(s3, bucket, layout);

        Manifest manifest = catalog.readManifest(ref);
        List<ManifestFileEntry> files = catalog.readManifestFiles(ref, manifest);
        VerificationReport report = new BackupVerifier(catalog, 2).verify(ref, true);

        assertThat(manifest.outputFormat()).isEqualTo("DATA_PIPELINE");
        assertThat(manifest.lineFormat()).isEqualTo(ItemLineFormat.DATA_PIPELINE);
        assertThat(report.ok()).as(report.allProblems().toString()).isTrue();
        assertThat(report.itemsFound()).isEqualTo(200);
        String firstLine = firstLine(files.get(0));
        assertThat(firstLine).doesNotContain("\"Item\"").contains("\"sS\":[\"a\",\"b\"]").contains("{\"n\":\"12345678901234567890.123456789\"}");
        assertThat(ItemLines.fromLine(firstLine, ItemLineFormat.DATA_PIPELINE)).isEqualTo(item(0, 0));
        List<Map<String, AttributeValue>> back = new ArrayList<>();
        for (ManifestFileEntry f : files) {
            try (ItemLineReader r = catalog.openItems(ref, manifest, f)) {
                for (Map<String, AttributeValue> item = r.next(); item != null; item = r.next()) {
                    back.add(item);
                }
            }
        }
        assertThat(back).hasSize(200).contains(item(0, 0), item(1, 99));
    }

    @Test
    void manifestWithUnknownOutputFormat_isRefusedNamingTheField() throws IOException {
        BackupRef ref = writeBackup(1, 5);
        rewriteManifest(ref, "\"outputFormat\" : \"DYNAMODB_JSON\"", "\"outputFormat\" : \"PARQUET\"");
        BackupCatalog catalog = new BackupCatalog(s3, bucket, layout);

        VerificationReport report = new BackupVerifier(catalog, 1).verify(ref, true);

        String expected = ref.manifestKey() + ": manifest.json is not a valid manifest: outputFormat 'PARQUET' is not a data format "
                + "this tool reads (DYNAMODB_JSON, DATA_PIPELINE); upgrade dynamodb-backup or correct the manifest";
        assertThat(report.ok()).isFalse();
        assertThat(report.allProblems()).containsExactly(expected);
        assertThatThrownBy(() -> catalog.readManifest(ref)).isInstanceOf(CorruptBackupException.class).hasMessage(expected);
    }

    @Test
    void manifestWithoutOutputFormat_isRefusedNamingTheField() throws IOException {
        BackupRef ref = writeBackup(1, 5);
        rewriteManifest(ref, "\"outputFormat\" : \"DYNAMODB_JSON\",", "");

        assertThatThrownBy(() -> new BackupCatalog(s3, bucket, layout).readManifest(ref))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(ref.manifestKey() + ": manifest.json is not a valid manifest: outputFormat is missing; it names the "
                        + "data files' line shape, one of DYNAMODB_JSON, DATA_PIPELINE");
    }

    @Test
    void deepVerify_parsesTheLinesInTheShapeTheManifestNames() throws IOException {
        // The manifest decides how lines are read: naming the other shape makes every native line malformed.
        BackupRef ref = writeBackup(1, 5);
        rewriteManifest(ref, "\"outputFormat\" : \"DYNAMODB_JSON\"", "\"outputFormat\" : \"DATA_PIPELINE\"");

        VerificationReport deep = new BackupVerifier(new BackupCatalog(s3, bucket, layout), 1).verify(ref, true);
        VerificationReport quick = new BackupVerifier(new BackupCatalog(s3, bucket, layout), 1).verify(ref, false);

        assertThat(deep.allProblems()).singleElement().asString()
                .contains(": malformed item: line 1, at Item.Item: ");
        assertThat(quick.ok()).isTrue();
    }

    @Test
    void commit_whenManifestNamesAnotherFormatThanTheDataFiles_refusesToWriteIt() throws IOException {
        BackupId id = BackupId.forStart(Instant.now());
        BackupWriter writer = newWriter(id, ItemLineFormat.DATA_PIPELINE);
        try (BackupWriter.SegmentWriter seg = writer.segment(0)) {
            seg.write(item(0, 0));
        }

        assertThatThrownBy(() -> commit(writer, id, 1, ItemLineFormat.DYNAMODB_JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("manifest names outputFormat DYNAMODB_JSON, but the data files are DATA_PIPELINE");
        assertThat(new BackupCatalog(s3, bucket, layout).latest(TABLE)).isEmpty();
    }

    private void rewriteManifest(BackupRef ref, String from, String to) {
        String text = s3.getObjectAsBytes(b -> b.bucket(bucket).key(ref.manifestKey())).asUtf8String();
        assertThat(text).contains(from);
        s3.putObject(b -> b.bucket(bucket).key(ref.manifestKey()), RequestBody.fromString(text.replace(from, to)));
    }

    private String firstLine(ManifestFileEntry file) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                s3.getObject(b -> b.bucket(bucket).key(file.dataFileS3Key()))), StandardCharsets.UTF_8))) {
            return r.readLine();
        }
    }

    private BackupRef writeBackup(int segments, int perSegment) throws IOException {
        return writeBackup(segments, perSegment, ItemLineFormat.DYNAMODB_JSON);
    }

    private BackupRef writeBackup(int segments, int perSegment, ItemLineFormat format) throws IOException {
        BackupId id = BackupId.forStart(Instant.now());
        BackupWriter writer = newWriter(id, format);
        for (int s = 0; s < segments; s++) {
            try (BackupWriter.SegmentWriter seg = writer.segment(s)) {
                for (int i = 0; i < perSegment; i++) {
                    seg.write(item(s, i));
                }
            }
        }
        return commit(writer, id, segments, format);
    }

    private BackupWriter newWriter(BackupId id) {
        return newWriter(id, ItemLineFormat.DYNAMODB_JSON);
    }

    private BackupWriter newWriter(BackupId id, ItemLineFormat format) {
        return new BackupWriter(s3, bucket, layout, TABLE, id, S3WriteOptions.DEFAULT, 64L * 1024 * 1024, 6, format);
    }

    private BackupRef commit(BackupWriter writer, BackupId id, int segments, ItemLineFormat format) {
        String sha = writer.writeManifestFiles();
        List<ManifestFileEntry> files = writer.finishedFiles();
        long items = files.stream().mapToLong(ManifestFileEntry::itemCount).sum();
        writer.commit(new Manifest(1, id.value(), "test", format.manifestName(), Instant.now(), Instant.now(), items,
                writer.uncompressedBytes(), files.stream().mapToLong(ManifestFileEntry::bytes).sum(), segments, files.size(), sha,
                TestDescriptors.simple(TABLE)));
        return new BackupRef(bucket, layout, TABLE, id);
    }

    static Map<String, AttributeValue> item(int segment, int i) {
        return Map.of("pk", AttributeValue.fromS("s" + segment + "#" + i), "n", AttributeValue.fromN("12345678901234567890.123456789"),
                "set", AttributeValue.fromSs(List.of("a", "b")), "bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2})));
    }
}
