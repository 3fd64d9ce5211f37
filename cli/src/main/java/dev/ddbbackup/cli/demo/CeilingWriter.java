package dev.ddbbackup.cli.demo;

import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.codec.ItemLineReader;
import dev.ddbbackup.core.concurrent.DaemonPool;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupId;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.Manifest;
import dev.ddbbackup.core.format.ManifestFileEntry;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.emulators.ChildProcess;
import dev.ddbbackup.recovery.RestoreOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The restore benchmark's raw ceiling in a JVM of its own: it reads a backup's items into memory as
 * ready-made BatchWriteItem requests once, then on request writes them all into a given table with plain
 * parallel BatchWriteItem. In its own JVM the ceiling's items and their garbage collection burden
 * neither side of the comparison: the restore's heap never holds them, and the ceiling's are read once
 * and settle.
 *
 * <p>Protocol, one line each way: the child prints {@code ready <items> <heapBytesPerItem>} once it holds
 * the items; for each {@code run <table>} on its input it writes every item into that (existing, empty)
 * table and prints {@code done <seconds> <cpuSeconds>}, its own CPU time during the writes; at the end
 * of its input it exits. On failure it prints {@code error <message>} and exits with 1.
 */
final class CeilingWriter {

    private CeilingWriter() {
    }

    /**
     * Arguments: DynamoDB endpoint, S3 endpoint, bucket, table, backup id, threads, batch size.
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            URI dynamoDb = URI.create(args[0]);
            URI s3 = URI.create(args[1]);
            String bucket = args[2];
            String table = args[3];
            String backupId = args[4];
            int threads = Integer.parseInt(args[5]);
            int batchSize = Integer.parseInt(args[6]);
            try (AwsClients clients = DemoEnvironment.clients(dynamoDb, s3, 2 * threads)) {
                BackupCatalog catalog = new BackupCatalog(clients.s3(), bucket, new BackupLayout(BackupLayout.DEFAULT_PREFIX));
                BackupRef ref = catalog.get(table, new BackupId(backupId));
                System.gc();
                long heapBefore = usedHeap();
                List<List<WriteRequest>> batches = read(catalog, ref, catalog.readManifest(ref), batchSize);
                System.gc();
                long items = batches.stream().mapToLong(List::size).sum();
                out.println("ready " + items + " " + (usedHeap() - heapBefore) / Math.max(1, items));
                out.flush();
                BatchItemWriter writer = new BatchItemWriter(clients.dynamoDb(), Backoff.DEFAULT, RestoreOptions.DEFAULT.maxAttempts());
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null && line.startsWith("run ")) {
                    String target = line.substring("run ".length());
                    double cpuBefore = CpuMeter.seconds(ProcessHandle.current());
                    long start = System.nanoTime();
                    write(writer, target, batches, threads);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    out.printf(Locale.ROOT, "done %.3f %.3f%n", seconds, CpuMeter.seconds(ProcessHandle.current()) - cpuBefore);
                    out.flush();
                }
            }
        } catch (Exception e) {
            out.println("error " + ErrorText.firstLine(e));
            out.flush();
            System.exit(1);
        }
    }

    private static List<List<WriteRequest>> read(BackupCatalog catalog, BackupRef ref, Manifest manifest, int batchSize)
            throws IOException {
        List<List<WriteRequest>> batches = new ArrayList<>();
        List<WriteRequest> batch = new ArrayList<>(batchSize);
        for (ManifestFileEntry entry : catalog.readManifestFiles(ref, manifest)) {
            try (ItemLineReader reader = catalog.openItems(ref, manifest, entry)) {
                Map<String, AttributeValue> item;
                while ((item = reader.next()) != null) {
                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                    if (batch.size() == batchSize) {
                        batches.add(batch);
                        batch = new ArrayList<>(batchSize);
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static void write(BatchItemWriter writer, String table, List<List<WriteRequest>> batches, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = DaemonPool.fixed(threads, "ceiling-writer");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < batches.size(); k = next.getAndIncrement()) {
                        writer.write(table, batches.get(k));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The parent's side: starts the child, waits until it holds the items, and asks it for runs. */
    static final class Child implements AutoCloseable {

        private final Process process;
        private final Path log;
        private final BufferedReader fromChild;
        private final PrintWriter toChild;
        final long items;
        final long heapBytesPerItem;

        private Child(Process process, Path log) throws IOException {
            this.process = process;
            this.log = log;
            this.fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.toChild = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            String[] ready = answer("ready");
            this.items = Long.parseLong(ready[1]);
            this.heapBytesPerItem = Long.parseLong(ready[2]);
        }

        /** Starts a ceiling JVM with {@code heapMB} of heap over backup {@code backupId} of the demo table. */
        static Child start(URI dynamoDb, URI s3, String backupId, int threads, int batchSize, long heapMB) throws IOException {
            Path log = Files.createTempFile("restore-ceiling-", ".log");
            List<String> command = ChildProcess.javaCommand(List.of("-Xmx" + heapMB + "m"), CeilingWriter.class.getName(),
                    List.of(dynamoDb.toString(), s3.toString(), DemoEnvironment.BUCKET, DemoItems.TABLE, backupId,
                            Integer.toString(threads), Integer.toString(batchSize)));
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            try {
                return new Child(process, log);
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }

        /** Writes every item into {@code table}; returns {seconds, the child's CPU seconds}. */
        double[] run(String table) throws IOException {
            toChild.println("run " + table);
            String[] done = answer("done");
            return new double[] {Double.parseDouble(done[1]), Double.parseDouble(done[2])};
        }

        /** The next protocol line, which must start with {@code expected}; other output is skipped. */
        private String[] answer(String expected) throws IOException {
            String line;
            while ((line = fromChild.readLine()) != null) {
                if (line.startsWith(expected + " ")) {
                    return line.split(" ");
                }
                if (line.startsWith("error ")) {
                    throw new IOException("the ceiling JVM failed: " + line.substring("error ".length()) + " (log: " + log + ")");
                }
            }
            throw new IOException("the ceiling JVM ended without answering '" + expected + "' (log: " + log + ")");
        }

        @Override
        public void close() {
            toChild.close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Physical memory of this machine in MB, or 0 when unknown. */
    static long physicalMemoryMB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() >> 20;
        }
        return 0;
    }
}
