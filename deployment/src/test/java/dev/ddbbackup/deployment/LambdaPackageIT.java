package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.net.httpserver.HttpServer;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Runs each function from its Lambda package, not from the build's class path: a child JVM with only
 * the unpacked package (and LambdaRunner) on its class path, the environment the template gives the
 * function, moto as every AWS endpoint (WireMock as AWS Backup's job list, which moto lacks), and the
 * events/ files as input. Proves the trimmed packages are complete (the backup package has no AWS Backup
 * SDK, the rotation package neither that nor S3), that their JSON logging starts, and that the template's
 * settings and the events work together. The functions run in order on one moto: the validation checks
 * the S3 backups the backup package wrote and the native backups the rotation package made.
 */
@ExtendWith(MotoExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaPackageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static MotoServer moto;
    private static String bucket;
    private static String successTopic;
    private static String failureTopic;

    @BeforeAll
    static void setUp(MotoServer server) {
        moto = server;
        bucket = UniqueName.next("package");
        try (DynamoDbClient ddb = moto.configure(DynamoDbClient.builder()).build();
                S3Client s3 = moto.configure(S3Client.builder()).forcePathStyle(true).build();
                SnsClient sns = moto.configure(SnsClient.builder()).build()) {
            s3.createBucket(b -> b.bucket(bucket));
            successTopic = sns.createTopic(b -> b.name(UniqueName.next("ok"))).topicArn();
            failureTopic = sns.createTopic(b -> b.name(UniqueName.next("fail"))).topicArn();
            // the tables events/backup-tables.json names
            for (String table : List.of("Orders", "Customers")) {
                try {
                    ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
                } catch (ResourceInUseException e) {
                    // made by an earlier run against this moto
                }
                for (int i = 0; i < 30; i++) {
                    String pk = table + "#" + i;
                    ddb.putItem(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "n", AttributeValue.fromN("12345678901234567890.5"),
                            "tags", AttributeValue.fromSs(List.of("a", "b")))));
                }
            }
        }
    }

    @Test
    @Order(1)
    void backupPackage_backsUpTheEventsTables() throws Exception {
        Run run = invoke("BackupFunction", Template.ROOT.resolve("events/backup-tables.json"), Map.of());

        assertThat(run.exitCode).as(run.log).isZero();
        assertThat(run.output.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.output.get("tables")).hasSize(2).allSatisfy(t -> assertThat(t.get("items").asLong()).isEqualTo(30));
        assertThat(run.jsonLogLines()).as(run.log).isNotEmpty();
    }

    @Test
    @Order(2)
    void recoveryPackage_restoresTheBackupIntoTheEventsNewTable() throws Exception {
        Run run = invoke("RecoveryFunction", Template.ROOT.resolve("events/recovery-new-table.json"), Map.of());

        assertThat(run.exitCode).as(run.log).isZero();
        assertThat(run.output.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.output.get("targetTable").asText()).isEqualTo("Orders-restored");
        assertThat(run.output.get("readBack").get("found").asLong()).isEqualTo(30);
    }

    @Test
    @Order(3)
    void restoreTestPackage_answersCreateWithSuccess_andDelete() throws Exception {
        for (String event : List.of("restore-test-create.json", "restore-test-delete.json")) {
            List<String> answers = new CopyOnWriteArrayList<>();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                answers.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            try {
                ObjectNode e = (ObjectNode) JSON.readTree(Files.readAllBytes(Template.ROOT.resolve("events").resolve(event)));
                e.put("ResponseURL", "http://127.0.0.1:" + server.getAddress().getPort() + "/response?X-Amz-Signature=abc");
                ((ObjectNode) e.get("ResourceProperties")).put("TableName", "Orders").put("BackupBucket", bucket);
                Path file = Files.createTempFile(Path.of("target"), "event", ".json");
                Files.write(file, JSON.writeValueAsBytes(e));

                Run run = invoke("RestoreTestFunction", file, Map.of());

                assertThat(run.exitCode).as(run.log).isZero();
                assertThat(answers).as(event).singleElement().satisfies(a -> {
                    JsonNode answer = JSON.readTree(a);
                    assertThat(answer.get("Status").asText()).isEqualTo("SUCCESS");
                    if (event.contains("create")) {
                        assertThat(answer.get("Data").get("ItemsFound").asText()).isEqualTo("30");
                    }
                });
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    @Order(4)
    void rotationPackage_backsUpAndPrunesTheTablesOfTheTemplatesEnvironment() throws Exception {
        Run run = invoke("RotationFunction", Template.ROOT.resolve("events/rotation-scheduled.json"), Map.of());

        assertThat(run.exitCode).as(run.log).isZero();
        assertThat(run.output.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.output.get("tables")).extracting(t -> t.get("table").asText()).containsExactly("Orders", "Customers");
        assertThat(run.output.get("tables")).allSatisfy(t -> assertThat(t.get("created").get("name").asText()).matches("\\w+-\\d{14}"));
        try (DynamoDbClient ddb = moto.configure(DynamoDbClient.builder()).build()) {
            for (String table : List.of("Orders", "Customers")) {
                assertThat(ddb.listBackups(b -> b.tableName(table)).backupSummaries()).extracting(BackupSummary::backupArn)
                        .contains(run.output.get("tables").get(table.equals("Orders") ? 0 : 1).get("created").get("arn").asText());
            }
        }
        assertThat(run.jsonLogLines()).as(run.log).isNotEmpty();
    }

    @Test
    @Order(5)
    void validationPackage_passesEveryCheckOnWhatTheOtherPackagesMade_andTheDrill() throws Exception {
        WireMockServer awsBackup = new WireMockServer(WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        awsBackup.start();
        try (DynamoDbClient ddb = moto.configure(DynamoDbClient.builder()).build()) {
            StringBuilder jobs = new StringBuilder();
            double created = Instant.now().minusSeconds(3 * 3600).toEpochMilli() / 1000.0;
            for (String table : List.of("Orders", "Customers")) {
                ddb.updateContinuousBackups(b -> b.tableName(table).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
                String arn = ddb.describeTable(b -> b.tableName(table)).table().tableArn();
                jobs.append(jobs.length() == 0 ? "" : ",").append("{\"BackupJobId\":\"").append(UniqueName.next("job"))
                        .append("\",\"ResourceArn\":\"").append(arn).append("\",\"ResourceType\":\"DynamoDB\",\"State\":\"COMPLETED\",")
                        .append("\"CreationDate\":").append(created).append(",\"CompletionDate\":").append(created + 60).append('}');
            }
            awsBackup.stubFor(WireMock.get(WireMock.urlPathEqualTo("/backup-jobs/")).willReturn(WireMock.aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"BackupJobs\":[" + jobs + "]}")));

            Run run = invoke("ValidationFunction", Template.ROOT.resolve("events/validation-drill.json"),
                    Map.of("AWS_ENDPOINT_URL_BACKUP", awsBackup.baseUrl()));

            assertThat(run.exitCode).as(run.log).isZero();
            assertThat(run.output.get("status").asText()).isEqualTo("PASSED");
            assertThat(run.output.get("checks")).extracting(c -> c.get("check").asText() + " " + c.get("table").asText() + " " + c.get("outcome").asText())
                    .containsExactlyInAnyOrder("aws-backup-jobs Orders PASS", "aws-backup-jobs Customers PASS",
                            "s3-backup-age Orders PASS", "s3-backup-integrity Orders PASS", "pitr Orders PASS", "native-backup Orders PASS",
                            "restore-drill Orders PASS", "s3-backup-age Customers PASS", "s3-backup-integrity Customers PASS",
                            "pitr Customers PASS", "native-backup Customers PASS", "restore-drill Customers PASS");
            assertThat(awsBackup.findAll(WireMock.getRequestedFor(WireMock.urlPathEqualTo("/backup-jobs/")))).isNotEmpty();
            assertThat(ddb.listTables().tableNames()).noneMatch(t -> t.contains("-restore-test-"));
            assertThat(run.jsonLogLines()).as(run.log).isNotEmpty();
        } finally {
            awsBackup.stop();
        }
    }

    private record Run(int exitCode, JsonNode output, String log) {
        List<JsonNode> jsonLogLines() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : log.split("\n")) {
                try {
                    if (line.startsWith("{")) {
                        lines.add(JSON.readTree(line));
                    }
                } catch (IOException e) {
                    // not a log line
                }
            }
            return lines;
        }
    }

    /** Runs a function of the template from its package, with its template environment pointed at moto, plus {@code extraEnv}. */
    private static Run invoke(String functionId, Path event, Map<String, String> extraEnv) throws Exception {
        Template t = Template.repo();
        LambdaPackage p = LambdaPackage.open(t.codeUri(functionId));
        Map<String, String> env = new LinkedHashMap<>(EnvironmentCheck.environment(
                new Evaluator(t, Map.of("ProtectedTableNames", "Orders,Customers")), functionId));
        env.replaceAll((k, v) -> switch (k) {
            case "BACKUP_BUCKET" -> bucket;
            case "SUCCESS_TOPIC_ARN" -> successTopic;
            case "FAILURE_TOPIC_ARN" -> failureTopic;
            default -> v;
        });
        env.put("AWS_REGION", EmulatorClients.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", EmulatorClients.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", EmulatorClients.SECRET_ACCESS_KEY);
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        env.putAll(extraEnv);

        Path runnerDir = runnerClasses();
        List<String> classpath = new ArrayList<>(List.of(runnerDir.toString(), p.root.toString()));
        p.jars.forEach(j -> classpath.add(j.toString()));
        Path output = Files.createTempFile(Path.of("target"), functionId, ".out");
        Path log = Files.createTempFile(Path.of("target"), functionId, ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", String.join(File.pathSeparator, classpath), LambdaRunner.class.getName(),
                t.handlerClass(functionId), event.toAbsolutePath().toString(), output.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(functionId + " did not finish in 5 minutes:\n" + Files.readString(log));
        }
        String text = Files.readString(log);
        JsonNode out = process.exitValue() == 0 ? JSON.readTree(Files.readAllBytes(output)) : null;
        return new Run(process.exitValue(), out, text);
    }

    /** A folder holding only LambdaRunner's class, so no test resource (log4j2-test.xml) reaches the child. */
    private static Path runnerClasses() throws IOException {
        String relative = LambdaRunner.class.getName().replace('.', '/') + ".class";
        Path dir = Path.of("target", "lambda-runner").toAbsolutePath();
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        try (Stream<Path> compiled = Files.list(Path.of("target", "test-classes", "dev", "ddbbackup", "deployment"))) {
            for (Path c : compiled.filter(f -> f.getFileName().toString().startsWith("LambdaRunner")).toList()) {
                Files.copy(c, target.resolveSibling(c.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }
}
