package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.emulators.S3Emulator;
import dev.ddbbackup.emulators.S3EmulatorExtension;
import dev.ddbbackup.emulators.UniqueName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/** DataPipelineSource against S3Mock: single files, export folders with a manifest, gzip, damage. */
@ExtendWith(S3EmulatorExtension.class)
class DataPipelineSourceIT {

    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void createBucket(S3Emulator emulator) {
        s3 = emulator.newClient();
        bucket = emulator.createUniqueBucket("datapipeline");
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void singleFile_isTheOnlyPartAndStreamsItsItems() throws IOException {
        String key = UniqueName.next("single") + "/5d2bf4c8-0001";
        put(key, lines(0, 3));
        DataPipelineSource source = DataPipelineSource.open(s3, bucket, key);

        List<SourcePart> parts = source.parts();
        List<ItemOperation> verified = new ArrayList<>();
        source.verify(parts.get(0), verified::add);

        assertThat(parts).containsExactly(new SourcePart(key, -1, lines(0, 3).length, 0));
        assertThat(verified).extracting(op -> op.attributes().get("pk").s()).containsExactly("item-0", "item-1", "item-2");
        assertThat(verified.get(1).attributes()).isEqualTo(item(1));
        assertThat(LegacyJsonSourceIT.readAll(source, parts.get(0))).isEqualTo(verified);
        assertThat(source.format()).isEqualTo("datapipeline");
        assertThat(source.table()).isEmpty();
        assertThat(source.warnings()).singleElement().asString().contains("no checksums");
    }

    @Test
    void exportFolder_readsTheManifestsFilesInOrderPlainAndGzip() throws IOException {
        String folder = UniqueName.next("export") + "/2015-01-01-00-00-00/";
        put(folder + "b-0002", DataPipelineLineReaderTest.gzip(lines(2, 5)));
        put(folder + "a-0001", lines(0, 2));
        put(folder + "_SUCCESS", new byte[0]);
        put(folder + "manifest", manifest(folder + "b-0002", folder + "a-0001"));

        for (String key : List.of(folder, folder.substring(0, folder.length() - 1), folder + "manifest")) {
            DataPipelineSource source = DataPipelineSource.open(s3, bucket, key);
            List<SourcePart> parts = source.parts();
            List<String> pks = new ArrayList<>();
            for (SourcePart part : parts) {
                source.verify(part, op -> pks.add(op.attributes().get("pk").s()));
            }

            assertThat(parts).as(key).extracting(SourcePart::key).containsExactly(folder + "b-0002", folder + "a-0001");
            assertThat(parts).extracting(SourcePart::group).containsOnly(0);
            assertThat(pks).as(key).containsExactly("item-2", "item-3", "item-4", "item-0", "item-1");
            assertThat(LegacyJsonSourceIT.readAll(source, parts.get(0))).hasSize(3);
        }
    }

    @Test
    void open_whenMandatoryFileMissing_failsNamingIt() {
        String folder = UniqueName.next("incomplete") + "/";
        put(folder + "a-0001", lines(0, 2));
        put(folder + "manifest", manifest(folder + "a-0001", folder + "b-0002"));

        assertThatThrownBy(() -> DataPipelineSource.open(s3, bucket, folder))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(folder + "b-0002: is listed in " + folder + "manifest as mandatory but is missing");
    }

    @Test
    void exportFolder_whenOptionalFileMissing_skipsItWithAWarning() {
        String folder = UniqueName.next("optional") + "/";
        put(folder + "a-0001", lines(0, 2));
        put(folder + "manifest", ("{\"name\":\"DynamoDB-export\",\"version\":3,\"entries\":["
                + "{\"url\":\"s3://" + bucket + "/" + folder + "a-0001\",\"mandatory\":true},"
                + "{\"url\":\"s3://" + bucket + "/" + folder + "b-0002\",\"mandatory\":false}]}").getBytes(StandardCharsets.UTF_8));
        DataPipelineSource source = DataPipelineSource.open(s3, bucket, folder);

        assertThat(source.parts()).extracting(SourcePart::key).containsExactly(folder + "a-0001");
        assertThat(source.warnings()).anySatisfy(w -> assertThat(w).contains(folder + "b-0002").contains("skipped"));
    }

    @Test
    void open_whenManifestPointsOutsideTheFolder_refusesItBeforeReadingAnyFile() {
        String folder = UniqueName.next("escape") + "/";
        String elsewhere = UniqueName.next("elsewhere") + "/secret";
        put(elsewhere, lines(0, 1));
        put(folder + "manifest", manifest(folder + "../" + elsewhere));

        assertThatThrownBy(() -> DataPipelineSource.open(s3, bucket, folder))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(folder + "manifest: entries[0] points outside the export folder");
    }

    @Test
    void open_whenManifestMissing_saysWhatAnExportFolderHolds() {
        String folder = UniqueName.next("nomanifest") + "/";
        put(folder + "a-0001", lines(0, 1));

        assertThatThrownBy(() -> DataPipelineSource.open(s3, bucket, folder))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(folder + "manifest: is missing");
    }

    @Test
    void verify_whenALineIsDamaged_namesTheFileAndLine() {
        String key = UniqueName.next("damaged") + "/a-0001";
        byte[] good = lines(0, 3);
        put(key, (new String(good, StandardCharsets.UTF_8) + "{\"pk\":{\"s\":\"secret\"},\"n\":{\"n\":\"not-a-number\"}}\n")
                .getBytes(StandardCharsets.UTF_8));
        DataPipelineSource source = DataPipelineSource.open(s3, bucket, key);

        assertThatThrownBy(() -> source.verify(source.parts().get(0), op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(key + ": line 4: at Item.n: not a valid DynamoDB number")
                .hasMessageNotContaining("secret")
                .hasMessageNotContaining("not-a-number");
    }

    @Test
    void open_whenNothingAtTheKey_throwsBackupNotFound() {
        String key = UniqueName.next("nothing");

        assertThatThrownBy(() -> DataPipelineSource.open(s3, bucket, key))
                .isInstanceOf(BackupNotFoundException.class)
                .hasMessageContaining("nothing at s3://" + bucket + "/" + key);
    }

    @Test
    void verify_whenFileOverwrittenAfterListing_refusesToReadIt() {
        String key = UniqueName.next("swapped") + "/a-0001";
        put(key, lines(0, 2));
        DataPipelineSource source = DataPipelineSource.open(s3, bucket, key);
        SourcePart part = source.parts().get(0);
        put(key, lines(5, 9));

        assertThatThrownBy(() -> source.verify(part, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(key + ": was overwritten after the restore listed it");
    }

    @Test
    void open_whenBucketOrKeyBlank_namesTheEventField() {
        assertThatThrownBy(() -> DataPipelineSource.open(s3, " ", "a"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backup_bucket");
        assertThatThrownBy(() -> DataPipelineSource.open(s3, bucket, ""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backup_file");
    }

    private static Map<String, AttributeValue> item(int i) {
        return Map.of("pk", AttributeValue.fromS("item-" + i),
                "n", AttributeValue.fromN(Integer.toString(i * 7)),
                "tags", AttributeValue.fromSs(List.of("t" + i, "all")));
    }

    /** Data Pipeline lines for items from (inclusive) to (exclusive). */
    private static byte[] lines(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append("{\"pk\":{\"s\":\"item-").append(i).append("\"},\"n\":{\"n\":\"").append(i * 7)
                    .append("\"},\"tags\":{\"sS\":[\"t").append(i).append("\",\"all\"]}}\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] manifest(String... keys) {
        StringBuilder entries = new StringBuilder();
        for (String key : keys) {
            if (entries.length() > 0) {
                entries.append(',');
            }
            entries.append("{\"url\":\"s3://").append(bucket).append('/').append(key).append("\",\"mandatory\":true}");
        }
        return ("{\"name\":\"DynamoDB-export\",\"version\":3,\"entries\":[" + entries + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static void put(String key, byte[] content) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }
}
