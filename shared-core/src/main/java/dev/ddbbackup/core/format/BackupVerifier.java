package dev.ddbbackup.core.format;

import dev.ddbbackup.core.concurrent.DaemonPool;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.codec.ItemLineFormat;
import dev.ddbbackup.core.codec.ItemLineReader;
import dev.ddbbackup.core.codec.MalformedItemException;
import dev.ddbbackup.core.s3.ResumingObjectInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Re-reads a backup from S3 and checks it against its manifests: every data file's SHA-256, MD5, size
 * and item count, the manifest-files checksum, and the totals. Streams each file; memory does not
 * grow with backup size.
 *
 * <p>A quick check counts lines; a deep check also parses every line as an item, in the line shape the
 * manifest's {@code outputFormat} names, which is what a restore will do.
 */
public final class BackupVerifier {

    private final BackupCatalog catalog;
    private final int parallelism;

    public BackupVerifier(BackupCatalog catalog, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.catalog = catalog;
        this.parallelism = parallelism;
    }

    /** Verifies a complete backup: manifest, manifest-files and every data file. */
    public VerificationReport verify(BackupRef ref, boolean deep) {
        Manifest manifest;
        List<ManifestFileEntry> entries;
        try {
            manifest = catalog.readManifest(ref);
            entries = catalog.readManifestFiles(ref, manifest);
        } catch (CorruptBackupException e) {
            return new VerificationReport(ref, 0, List.of(), List.of(e.getMessage()));
        }
        VerificationReport report = verifyFiles(ref, manifest.lineFormat(), manifest.itemCount(), entries, deep);
        long bytes = entries.stream().mapToLong(ManifestFileEntry::bytes).sum();
        if (bytes != manifest.compressedBytes()) {
            List<String> problems = new ArrayList<>(report.problems());
            problems.add(ref.manifestKey() + ": compressedBytes " + manifest.compressedBytes() + " but data files total " + bytes);
            return new VerificationReport(ref, report.expectedItems(), report.files(), problems);
        }
        return report;
    }

    /**
     * Verifies data files against their entries (also used before the manifest is written, so the line
     * shape a deep check parses is given rather than read from the manifest).
     */
    public VerificationReport verifyFiles(BackupRef ref, ItemLineFormat format, long expectedItems, List<ManifestFileEntry> entries,
                                          boolean deep) {
        List<VerificationReport.FileCheck> checks = new ArrayList<>();
        ExecutorService pool = DaemonPool.fixed(Math.max(1, Math.min(parallelism, entries.size())), "verify");
        try {
            List<Future<VerificationReport.FileCheck>> futures = new ArrayList<>();
            for (ManifestFileEntry e : entries) {
                futures.add(pool.submit(() -> checkFile(ref, format, e, deep)));
            }
            for (Future<VerificationReport.FileCheck> f : futures) {
                checks.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying " + ref, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("verification of " + ref + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<String> problems = new ArrayList<>();
        long listed = entries.stream().mapToLong(ManifestFileEntry::itemCount).sum();
        if (listed != expectedItems) {
            problems.add(ref.manifestFilesKey() + ": lists " + listed + " items, expected " + expectedItems);
        }
        return new VerificationReport(ref, expectedItems, checks, problems);
    }

    /**
     * Checks one data file of a backup deeply, parsing it in the line shape its manifest names, and hands
     * every parsed item to {@code items} (a restore checks keys there), in file order.
     *
     * @return the ETag of the object verified: read the file again with
     *     {@link BackupCatalog#openItems(BackupRef, Manifest, ManifestFileEntry, String)} to get exactly these bytes
     * @throws CorruptBackupException naming the file, and the line when one is at fault
     */
    public String verifyFile(BackupRef ref, Manifest manifest, ManifestFileEntry entry, Consumer<Map<String, AttributeValue>> items) {
        AtomicReference<String> eTag = new AtomicReference<>();
        VerificationReport.FileCheck check = checkFile(ref, manifest.lineFormat(), entry, true, items, eTag::set);
        if (!check.ok()) {
            throw new CorruptBackupException(check.key(), check.problem());
        }
        return DataFileStream.eTagToPin(check.key(), eTag.get());
    }

    private VerificationReport.FileCheck checkFile(BackupRef ref, ItemLineFormat format, ManifestFileEntry entry, boolean deep) {
        return checkFile(ref, format, entry, deep, item -> { }, eTag -> { });
    }

    private VerificationReport.FileCheck checkFile(BackupRef ref, ItemLineFormat format, ManifestFileEntry entry, boolean deep,
                                                   Consumer<Map<String, AttributeValue>> itemSink, Consumer<String> opened) {
        String key;
        try {
            key = catalog.layout().resolveDataKey(ref.table(), ref.id(), entry.dataFileS3Key());
        } catch (CorruptBackupException e) {
            return new VerificationReport.FileCheck(entry.dataFileS3Key(), entry.itemCount(), 0, 0, e.getMessage());
        }
        long items = 0;
        DigestingInputStream digesting = null;
        String problem = null;
        try (ResumingObjectInputStream raw = catalog.openData(key, null)) {
            opened.accept(raw.eTag());
            digesting = new DigestingInputStream(new BufferedInputStream(raw, 64 * 1024));
            GZIPInputStream gz = new GZIPInputStream(digesting, 64 * 1024);
            items = deep ? parseLines(gz, format, itemSink) : countLines(gz);
            digesting.drain();
        } catch (CorruptBackupException e) {
            return new VerificationReport.FileCheck(key, entry.itemCount(), 0, 0, "data file is missing");
        } catch (MalformedItemException e) {
            problem = "malformed item: " + e.getMessage();
        } catch (ZipException | java.io.EOFException e) {
            problem = "truncated or corrupt gzip (" + e.getMessage() + ")";
        } catch (IOException e) {
            problem = "unreadable: " + e.getMessage();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            problem = "unreadable: " + ErrorText.firstLine(e);
        }
        long bytes = digesting == null ? 0 : digesting.digest().bytes();
        if (problem == null) {
            ObjectDigest.Result d = digesting.digest().finish();
            if (!d.sha256().equals(entry.sha256())) {
                problem = "SHA-256 " + d.sha256() + " does not match manifest " + entry.sha256();
            } else if (!d.md5Base64().equals(entry.md5Checksum())) {
                problem = "MD5 " + d.md5Base64() + " does not match manifest " + entry.md5Checksum();
            } else if (d.bytes() != entry.bytes()) {
                problem = "size " + d.bytes() + " bytes does not match manifest " + entry.bytes();
            } else if (items != entry.itemCount()) {
                problem = "holds " + items + " items, manifest says " + entry.itemCount();
            }
        }
        return new VerificationReport.FileCheck(key, entry.itemCount(), items, bytes, problem);
    }

    private static long countLines(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long lines = 0;
        boolean lineHasBytes = false;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    // Blank lines hold no item; the deep check rejects them between items.
                    if (lineHasBytes) {
                        lines++;
                    }
                    lineHasBytes = false;
                } else if (buf[i] != '\r') {
                    lineHasBytes = true;
                }
            }
        }
        return lineHasBytes ? lines + 1 : lines;
    }

    private static long parseLines(InputStream in, ItemLineFormat format, Consumer<Map<String, AttributeValue>> itemSink)
            throws IOException {
        long items = 0;
        // Not closed here: closing would close the object stream before the digest has read it all.
        ItemLineReader reader = new ItemLineReader(in, format);
        Map<String, AttributeValue> item;
        while ((item = reader.next()) != null) {
            itemSink.accept(item);
            items++;
        }
        return items;
    }
}
