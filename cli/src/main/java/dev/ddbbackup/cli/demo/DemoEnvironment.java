package dev.ddbbackup.cli.demo;

import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.BackupRequest;
import dev.ddbbackup.backup.BackupService;
import dev.ddbbackup.backup.TableBackupResult;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.concurrent.DaemonPool;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.emulators.ChildProcess;
import dev.ddbbackup.emulators.DynamoDbLocal;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.FreePort;
import dev.ddbbackup.emulators.S3Emulator;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreRequest;
import dev.ddbbackup.recovery.RestoreResult;
import dev.ddbbackup.recovery.RestoreService;
import dev.ddbbackup.recovery.SourceSpec;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local (or a {@link SyntheticTableServer}) and S3Mock started by this process as child JVMs,
 * with our own clients pointed at them, and the measured backup and restore steps the demo and the
 * benchmark share. Child processes keep the emulators' memory out of the heap we measure.
 */
public final class DemoEnvironment implements AutoCloseable {

    public static final String BUCKET = "demo-backups";

    private final AutoCloseable dynamoDb;
    private final S3Emulator s3Emulator;
    private final AwsClients clients;
    private final CpuMeter cpu;
    private final URI dynamoDbEndpoint;

    private DemoEnvironment(AutoCloseable dynamoDb, ProcessHandle dynamoDbProcess, URI dynamoDbEndpoint, S3Emulator s3Emulator,
            int maxConnections) {
        this.dynamoDb = dynamoDb;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.cpu = new CpuMeter(dynamoDbProcess);
        this.s3Emulator = s3Emulator;
        this.clients = clients(dynamoDbEndpoint, s3Emulator.endpoint(), maxConnections);
    }

    /** Clients of the demo's DynamoDB and S3 emulators, for this JVM and for the benchmark's ceiling JVM. */
    static AwsClients clients(URI dynamoDb, URI s3, int maxConnections) {
        return new AwsClients(EmulatorClients.REGION, maxConnections, new AwsClients.Endpoints(dynamoDb, s3, null, null),
                EmulatorClients.credentialsProvider());
    }

    /** Starts both emulators; {@code dynamoHeap} is DynamoDB Local's -Xmx (it holds the table in memory). */
    public static DemoEnvironment start(String dynamoHeap, int maxConnections) {
        DynamoDbLocal ddb = DynamoDbLocal.startChildProcess(List.of("-Xmx" + dynamoHeap));
        try {
            return new DemoEnvironment(ddb, ddb.childProcess().orElse(null), ddb.endpoint(), S3Emulator.start(BUCKET), maxConnections);
        } catch (RuntimeException e) {
            ddb.close();
            throw e;
        }
    }

    /**
     * Starts a {@link SyntheticTableServer} serving {@code items} demo items (in a child JVM) in place of
     * DynamoDB Local, plus S3Mock: for memory runs at sizes DynamoDB Local scans too slowly.
     */
    public static DemoEnvironment startSynthetic(long items, int maxConnections) {
        int port = FreePort.find();
        ChildProcess server = ChildProcess.start("synthetic-table", ChildProcess.javaCommand(List.of("-Xmx512m"),
                SyntheticTableServer.class.getName(), List.of(Integer.toString(port), Long.toString(items))),
                ChildProcess.createWorkDir("synthetic-table"));
        try {
            server.awaitReady(() -> server.output().contains("ready"), Duration.ofSeconds(60));
            return new DemoEnvironment(server, server.handle(), URI.create("http://127.0.0.1:" + port), S3Emulator.start(BUCKET), maxConnections);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort while already failing
        }
    }

    public AwsClients clients() {
        return clients;
    }

    /**
     * Backs up the demo table to the demo bucket with our clients and the given options, sampling this
     * JVM's heap while it runs.
     */
    public MeasuredBackup backUpDemoTable(BackupOptions options, int segments) {
        BackupService service = new BackupService(clients.dynamoDb(), clients.s3(), Notifier.none(), MetricsPublisher.none(),
                options, Clock.systemUTC());
        try (HeapSampler heap = new HeapSampler()) {
            TableBackupResult result = service.run(new BackupRequest(List.of(DemoItems.TABLE), BUCKET,
                    new BackupLayout(BackupLayout.DEFAULT_PREFIX), segments), Deadline.none()).tables().get(0);
            return new MeasuredBackup(result, heap.peakBytes(), heap.peakLiveBytes());
        }
    }

    /** A backup's result and the heap it needed (used, and live after collections). */
    public record MeasuredBackup(TableBackupResult result, long peakHeapBytes, long peakLiveHeapBytes) {}

    /**
     * Restores backup {@code backupId} of the demo table into {@code target} with the recovery function's
     * service (fail_if_exists: the target must not exist yet, so the restore creates it from the backup's
     * schema), sampling this JVM's heap while it runs. Checkpoints go to the demo bucket, as the Lambda's would.
     */
    public MeasuredRestore restoreDemoBackup(String backupId, String target, RestoreOptions options, int batchSize) {
        BackupLayout layout = new BackupLayout(BackupLayout.DEFAULT_PREFIX);
        RestoreService service = new RestoreService(clients.dynamoDb(), clients.s3(), layout, Notifier.none(), MetricsPublisher.none(),
                options, Clock.systemUTC());
        RestoreRequest request = new RestoreRequest(new SourceSpec.Backup(BUCKET, layout.prefix(), DemoItems.TABLE, backupId), target,
                RestoreRequest.Mode.FAIL_IF_EXISTS, batchSize, null, null);
        try (HeapSampler heap = new HeapSampler()) {
            CpuMeter.Reading before = cpu.now();
            RestoreResult result = service.restore(request, Deadline.none());
            return new MeasuredRestore(result, heap.peakBytes(), heap.peakLiveBytes(), heap.startLiveBytes(), cpu.now().minus(before));
        }
    }

    /**
     * A restore's result, the heap it needed (used, and live after collections; the live heap when it
     * started is part of both) and the CPU it took.
     */
    public record MeasuredRestore(RestoreResult result, long peakHeapBytes, long peakLiveHeapBytes, long startLiveHeapBytes,
                                  CpuMeter.Reading cpu) {}

    /** Where DynamoDB (Local, or the synthetic endpoint) and S3Mock listen, for another process's clients. */
    URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    URI s3Endpoint() {
        return s3Emulator.endpoint();
    }

    /** CPU time of this JVM and of the DynamoDB process. */
    CpuMeter cpu() {
        return cpu;
    }

    /** Creates the demo table: pk (S) + sk (N), GSI on customer, on-demand. */
    public static void createTable(DynamoDbClient ddb, String table) {
        createTable(ddb, table, true);
    }

    /**
     * Creates the demo table, with or without its GSI (the benchmark leaves it out: a GSI doubles
     * DynamoDB Local's write work while loading and plays no part in a scan).
     */
    public static void createTable(DynamoDbClient ddb, String table, boolean withGsi) {
        ddb.createTable(b -> {
            b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE));
            if (withGsi) {
                b.attributeDefinitions(
                                a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                                a -> a.attributeName("customer").attributeType(ScalarAttributeType.S))
                        .globalSecondaryIndexes(g -> g.indexName(DemoItems.GSI)
                                .keySchema(k -> k.attributeName("customer").keyType(KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL)));
            } else {
                b.attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.N));
            }
        });
        ddb.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    /** Loads items 0..count-1 with parallel BatchWriteItem, printing progress every 10%. */
    public static void load(DynamoDbClient ddb, String table, long count, int threads, PrintWriter progress) throws Exception {
        BatchItemWriter writer = new BatchItemWriter(ddb, Backoff.DEFAULT, 20);
        AtomicLong done = new AtomicLong();
        long step = Math.max(1, count / 10);
        ExecutorService pool = DaemonPool.fixed(threads, "demo-load");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                futures.add(pool.submit(() -> {
                    List<Map<String, AttributeValue>> batch = new ArrayList<>(BatchItemWriter.MAX_BATCH);
                    for (long i = worker; i < count; i += threads) {
                        batch.add(DemoItems.item(i));
                        if (batch.size() == BatchItemWriter.MAX_BATCH) {
                            writer.put(table, batch);
                            report(done.addAndGet(batch.size()), batch.size(), step, count, progress);
                            batch.clear();
                        }
                    }
                    if (!batch.isEmpty()) {
                        writer.put(table, batch);
                        report(done.addAndGet(batch.size()), batch.size(), step, count, progress);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void report(long now, int added, long step, long count, PrintWriter progress) {
        if (now / step != (now - added) / step) {
            progress.printf("  loaded %,d / %,d items%n", now, count);
            progress.flush();
        }
    }

    @Override
    public void close() {
        clients.close();
        s3Emulator.close();
        closeQuietly(dynamoDb);
    }
}
