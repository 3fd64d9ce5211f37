package dev.ddbbackup.recovery.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbbackup.core.codec.DynamoDbJsonCodec;
import dev.ddbbackup.core.codec.ItemLines;
import dev.ddbbackup.core.format.FormatJson;
import dev.ddbbackup.core.format.ObjectDigest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes DynamoDB native exports to S3 in the layout and manifest format AWS documents and real
 * exports show (moto writes neither: see NativeExportSourceIT): {@code {prefix}AWSDynamoDB/{id}/}
 * with manifest-summary.json, manifest-files.json, manifest-files.md5 and _started; a full export's
 * data under {@code {id}/data/}, incremental exports' data in the shared {@code AWSDynamoDB/data/}.
 */
final class NativeExportFixture {

    static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";

    private static final JsonFactory JSON = new JsonFactory();

    private final String exportId;
    private final boolean incremental;
    private final Instant exportTime;
    private final Instant from;
    private final Instant to;
    private final List<DataFile> files = new ArrayList<>();
    private String prefix = "";
    private String tableArn = TABLE_ARN;
    private String outputFormat = "DYNAMODB_JSON";
    private Long summaryItemCount;

    private NativeExportFixture(String exportId, boolean incremental, Instant exportTime, Instant from, Instant to) {
        this.exportId = exportId;
        this.incremental = incremental;
        this.exportTime = exportTime;
        this.from = from;
        this.to = to;
    }

    static NativeExportFixture full(String exportId, Instant exportTime) {
        return new NativeExportFixture(exportId, false, exportTime, null, null);
    }

    static NativeExportFixture incremental(String exportId, Instant from, Instant to) {
        return new NativeExportFixture(exportId, true, null, from, to);
    }

    /** The export prefix, empty or ending in a slash. */
    NativeExportFixture prefix(String value) {
        this.prefix = value;
        return this;
    }

    NativeExportFixture tableArn(String value) {
        this.tableArn = value;
        return this;
    }

    NativeExportFixture outputFormat(String value) {
        this.outputFormat = value;
        return this;
    }

    /** Overrides the summary's itemCount, which is otherwise the sum of the files' counts. */
    NativeExportFixture summaryItemCount(long value) {
        this.summaryItemCount = value;
        return this;
    }

    /** Adds a data file holding these lines, with its true MD5 and line count in the manifest. */
    NativeExportFixture file(String... lines) {
        byte[] gz = gzip(lines.length == 0 ? "" : String.join("\n", lines) + "\n");
        return file(new DataFile(gz, lines.length, md5(gz), null, null));
    }

    NativeExportFixture file(DataFile file) {
        files.add(file);
        return this;
    }

    /** The export folder key, as a user would give it. */
    String folder() {
        return prefix + "AWSDynamoDB/" + exportId + "/";
    }

    /** The key of the n-th data file (0-based), as the source resolves it. */
    String dataKey(int n) {
        DataFile file = files.get(n);
        String name = file.name != null ? file.name : exportId + "-" + n + ".json.gz";
        return incremental ? prefix + "AWSDynamoDB/data/" + name : folder() + "data/" + name;
    }

    /** Writes the data files, then the manifests, then the summary, as DynamoDB does; returns the folder key. */
    String write(S3Client s3, String bucket) {
        StringBuilder manifestFiles = new StringBuilder();
        long items = 0;
        for (int i = 0; i < files.size(); i++) {
            DataFile file = files.get(i);
            String key = dataKey(i);
            put(s3, bucket, key, file.stored);
            ObjectNode line = FormatJson.MAPPER.createObjectNode()
                    .put("itemCount", file.itemCount)
                    .put("md5Checksum", file.md5Checksum)
                    .put("etag", HexFormat.of().formatHex(Base64.getDecoder().decode(md5(file.stored))) + "-1")
                    .put("dataFileS3Key", file.keyInManifest != null ? file.keyInManifest : key);
            manifestFiles.append(line).append('\n');
            items += file.itemCount;
        }
        put(s3, bucket, folder() + "_started", new byte[0]);
        byte[] manifestBytes = manifestFiles.toString().getBytes(StandardCharsets.UTF_8);
        put(s3, bucket, folder() + "manifest-files.json", manifestBytes);
        put(s3, bucket, folder() + "manifest-files.md5", md5(manifestBytes).getBytes(StandardCharsets.US_ASCII));
        ObjectNode summary = FormatJson.MAPPER.createObjectNode()
                .put("version", incremental ? "2023-08-01" : "2020-06-30")
                .put("exportArn", tableArn + "/export/" + exportId)
                .put("startTime", (incremental ? to : exportTime).toString())
                .put("endTime", (incremental ? to : exportTime).plusSeconds(300).toString())
                .put("tableArn", tableArn)
                .put("tableId", "c0ffee00-0000-4000-8000-000000000001");
        if (incremental) {
            summary.put("exportFromTime", from.toString()).put("exportToTime", to.toString());
        } else {
            summary.put("exportTime", exportTime.toString());
        }
        summary.put("s3Bucket", bucket)
                .put("s3Prefix", prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1))
                .put("s3SseAlgorithm", "AES256")
                .putNull("s3SseKmsKeyId")
                .put("manifestFilesS3Key", folder() + "manifest-files.json")
                .put("billedSizeBytes", 0)
                .put("itemCount", summaryItemCount != null ? summaryItemCount : items)
                .put("outputFormat", outputFormat);
        if (incremental) {
            summary.put("outputView", "NEW_AND_OLD_IMAGES").put("exportType", "INCREMENTAL_EXPORT");
        }
        put(s3, bucket, folder() + "manifest-summary.json", summary.toString().getBytes(StandardCharsets.UTF_8));
        return folder();
    }

    /** A full export line, {"Item":{...}}. */
    static String itemLine(Map<String, AttributeValue> item) {
        return ItemLines.toLine(item);
    }

    /** An incremental export record; null images are left out, as DynamoDB does. */
    static String changeLine(long writeMicros, Map<String, AttributeValue> keys, Map<String, AttributeValue> oldImage,
            Map<String, AttributeValue> newImage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeFieldName("Metadata");
            gen.writeStartObject();
            gen.writeFieldName("WriteTimestampMicros");
            gen.writeStartObject();
            gen.writeStringField("N", Long.toString(writeMicros));
            gen.writeEndObject();
            gen.writeEndObject();
            gen.writeFieldName("Keys");
            DynamoDbJsonCodec.writeItem(gen, keys);
            if (oldImage != null) {
                gen.writeFieldName("OldImage");
                DynamoDbJsonCodec.writeItem(gen, oldImage);
            }
            if (newImage != null) {
                gen.writeFieldName("NewImage");
                DynamoDbJsonCodec.writeItem(gen, newImage);
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static byte[] gzip(String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String md5(byte[] bytes) {
        ObjectDigest digest = new ObjectDigest();
        digest.update(bytes, 0, bytes.length);
        return digest.finish().md5Base64();
    }

    private static void put(S3Client s3, String bucket, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    /**
     * A data file as stored and as its manifest line describes it.
     *
     * @param name          file name under the data folder, or null for a generated one
     * @param keyInManifest the dataFileS3Key the manifest gives instead of the key written, or null
     */
    record DataFile(byte[] stored, long itemCount, String md5Checksum, String name, String keyInManifest) {

        /** A file holding these lines, with a manifest line that may lie about it. */
        static DataFile of(String content, long itemCount, String md5Checksum) {
            return new DataFile(gzip(content), itemCount, md5Checksum, null, null);
        }
    }
}
