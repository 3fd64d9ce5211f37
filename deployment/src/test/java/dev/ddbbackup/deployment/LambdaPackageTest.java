package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Lambda packages the build writes: where CodeUri points, small, with one HTTP client, and complete for their handlers. */
class LambdaPackageTest {

    private static final long MAX_BYTES = 20L * 1024 * 1024;
    /** Never in a package: other HTTP clients, the CRT, and what only tests use. */
    private static final List<String> FORBIDDEN_JARS = List.of("netty-nio-client-", "netty-", "url-connection-client-", "apache5-client-",
            "aws-crt-", "sqs-", "junit-", "assertj-", "emulators-", "DynamoDBLocal-", "wiremock-", "s3mock-", "snakeyaml-", "sqlite4java");
    /**
     * References a package may leave unresolved, by package file: AwsClients.backup() names the AWS Backup
     * SDK, which only the recovery and validation functions call; the backup function leaves it out.
     */
    private static final Map<String, List<String>> MAY_MISS = Map.of(
            "backup-function.zip", List.of("dev.ddbbackup.core.aws.AwsClients -> software.amazon.awssdk.services.backup."));

    static Stream<String> functions() {
        return Template.repo().functionIds().stream();
    }

    static Stream<Path> packages() {
        return functions().map(f -> Template.repo().codeUri(f)).distinct();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void codeUri_isTheZipItsModulesBuildWrites(String functionId) throws Exception {
        Path codeUri = Template.repo().codeUri(functionId);
        String module = Template.ROOT.relativize(codeUri).getName(0).toString();

        assertThat(Template.ROOT.relativize(codeUri).toString().replace('\\', '/')).isEqualTo(module + "/target/" + module + ".zip");
        assertThat(Files.readString(Template.ROOT.resolve("pom.xml"))).contains("<module>" + module + "</module>");
        assertThat(Files.readString(Template.ROOT.resolve(module).resolve("pom.xml"))).contains("<artifactId>maven-antrun-plugin</artifactId>");
        assertThat(codeUri).isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void handlerClass_isInThePackage_andIsALambdaHandlerWithANoArgConstructor(String functionId) throws Exception {
        LambdaPackage p = LambdaPackage.open(Template.repo().codeUri(functionId));

        Class<?> handler = Class.forName(Template.repo().handlerClass(functionId), false, p.classLoader);

        assertThat(handler.getClassLoader()).isSameAs(p.classLoader);
        Class<?> stream = Class.forName("com.amazonaws.services.lambda.runtime.RequestStreamHandler", false, p.classLoader);
        Class<?> typed = Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler", false, p.classLoader);
        assertThat(stream.isAssignableFrom(handler) || typed.isAssignableFrom(handler)).as(handler + " implements a Lambda handler interface").isTrue();
        assertThat(handler.getConstructor().canAccess(null)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("packages")
    void package_isUnder20MB_withOneHttpClient_andNothingOnlyTestsUse(Path zip) {
        LambdaPackage p = LambdaPackage.open(zip);

        assertThat(p.size()).as(zip + " size").isLessThanOrEqualTo(MAX_BYTES);
        assertThat(p.jarNames()).anyMatch(j -> j.startsWith("apache-client-"));
        assertThat(p.jarNames()).noneMatch(j -> FORBIDDEN_JARS.stream().anyMatch(j::startsWith));
        assertThat(p.jarNames()).anyMatch(j -> j.startsWith("log4j-layout-template-json-")).anyMatch(j -> j.startsWith("aws-lambda-java-core-"));
    }

    @Test
    void awsBackupSdk_isOnlyInTheRecoveryPackage() {
        assertThat(LambdaPackage.open(Template.ROOT.resolve("backup-function/target/backup-function.zip")).jarNames())
                .noneMatch(j -> j.startsWith("backup-2"));
        assertThat(LambdaPackage.open(Template.ROOT.resolve("recovery-function/target/recovery-function.zip")).jarNames())
                .anyMatch(j -> j.startsWith("backup-2"));
    }

    @ParameterizedTest
    @MethodSource("packages")
    void everySuiteClass_initializes_andEveryClassItNamesIsInThePackage(Path zip) throws Exception {
        LambdaPackage p = LambdaPackage.open(zip);
        List<String> missing = new ArrayList<>();
        List<String> allowed = MAY_MISS.getOrDefault(zip.getFileName().toString(), List.of());

        for (String name : p.suiteClasses()) {
            Class.forName(name, true, p.classLoader);
            byte[] bytes = p.resource(name.replace('.', '/') + ".class").orElseThrow();
            for (String ref : ClassReferences.of(bytes)) {
                if (p.classLoader.getResource(ref.replace('.', '/') + ".class") == null && ClassLoader.getPlatformClassLoader()
                        .getResource(ref.replace('.', '/') + ".class") == null && !isJdk(ref)) {
                    String edge = name + " -> " + ref;
                    if (allowed.stream().noneMatch(edge::startsWith)) {
                        missing.add(edge);
                    }
                }
            }
        }

        assertThat(missing).as("classes the suite's code names but " + zip.getFileName() + " lacks").isEmpty();
    }

    private static boolean isJdk(String className) {
        try {
            Class.forName(className, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
