package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
     * SDK, which only the recovery and validation functions call, and AwsClients.s3() the S3 SDK, which the
     * rotation never calls; the packages of the functions that do not call them leave them out.
     */
    private static final Map<String, List<String>> MAY_MISS = Map.of(
            "backup-function.zip", List.of("dev.ddbbackup.core.aws.AwsClients -> software.amazon.awssdk.services.backup."),
            "rotation-function.zip", List.of("dev.ddbbackup.core.aws.AwsClients -> software.amazon.awssdk.services.backup.",
                    "dev.ddbbackup.core.aws.AwsClients -> software.amazon.awssdk.services.s3."));
    /**
     * SDK packages a package leaves out whole, by package file: shared-core's classes that use them (S3
     * streaming, backup catalogs) are in the package but unreachable from its handlers, so they may name
     * what is not there. Reachable classes get only MAY_MISS.
     */
    private static final Map<String, List<String>> LEFT_OUT = Map.of(
            "rotation-function.zip", List.of("software.amazon.awssdk.services.s3."));

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
    void awsBackupSdk_isOnlyInThePackagesOfTheFunctionsThatCallIt_andS3NotInTheRotations() {
        assertThat(jarNames("backup-function")).noneMatch(j -> j.startsWith("backup-2")).anyMatch(j -> j.startsWith("s3-2"));
        assertThat(jarNames("recovery-function")).anyMatch(j -> j.startsWith("backup-2"));
        assertThat(jarNames("validation-function")).anyMatch(j -> j.startsWith("backup-2")).anyMatch(j -> j.startsWith("s3-2"));
        assertThat(jarNames("rotation-function")).noneMatch(j -> j.startsWith("backup-2") || j.startsWith("s3-2"))
                .anyMatch(j -> j.startsWith("dynamodb-2")).anyMatch(j -> j.startsWith("sns-2")).anyMatch(j -> j.startsWith("cloudwatch-2"));
    }

    /**
     * Every suite class reachable from the package's handlers initializes and finds every class it names
     * (MAY_MISS aside); so does every other suite class, unless it names an SDK package the package leaves
     * out whole (LEFT_OUT), which it then may not load.
     */
    @ParameterizedTest
    @MethodSource("packages")
    void everySuiteClass_initializes_andEveryClassItNamesIsInThePackage(Path zip) throws Exception {
        LambdaPackage p = LambdaPackage.open(zip);
        Set<String> reachable = reachableFromHandlers(zip, p);

        assertThat(reachable).as("handlers of " + zip.getFileName()).isNotEmpty();
        assertThat(missingReferences(zip, p, reachable, true)).as("classes the suite's code names but " + zip.getFileName() + " lacks").isEmpty();
    }

    @Test
    void aHandlerReachingALeftOutModule_isReported() throws Exception {
        Path zip = Template.ROOT.resolve("rotation-function/target/rotation-function.zip");
        LambdaPackage p = LambdaPackage.open(zip);
        Set<String> reachable = new TreeSet<>(reachableFromHandlers(zip, p));

        assertThat(reachable).contains("dev.ddbbackup.rotation.RotationService", "dev.ddbbackup.core.aws.AwsClients")
                .doesNotContain("dev.ddbbackup.core.format.BackupCatalog");
        reachable.add("dev.ddbbackup.core.format.BackupCatalog");
        assertThat(missingReferences(zip, p, reachable, false)).isNotEmpty().allSatisfy(m -> assertThat(m)
                .startsWith("dev.ddbbackup.core.format.BackupCatalog -> software.amazon.awssdk.services.s3.")
                .endsWith(" (reachable from a handler)"));
    }

    /** Classes the package's suite classes name but it lacks, as "class -> missing"; initializes the classes that must load. */
    private static List<String> missingReferences(Path zip, LambdaPackage p, Set<String> reachable, boolean initialize) throws Exception {
        List<String> missing = new ArrayList<>();
        List<String> allowed = MAY_MISS.getOrDefault(zip.getFileName().toString(), List.of());
        List<String> leftOut = LEFT_OUT.getOrDefault(zip.getFileName().toString(), List.of());
        for (String name : p.suiteClasses()) {
            boolean namesLeftOut = false;
            for (String ref : ClassReferences.of(p.resource(name.replace('.', '/') + ".class").orElseThrow())) {
                if (p.classLoader.getResource(ref.replace('.', '/') + ".class") != null || ClassLoader.getPlatformClassLoader()
                        .getResource(ref.replace('.', '/') + ".class") != null || isJdk(ref)) {
                    continue;
                }
                String edge = name + " -> " + ref;
                if (allowed.stream().anyMatch(edge::startsWith)) {
                    continue;
                }
                if (!reachable.contains(name) && leftOut.stream().anyMatch(ref::startsWith)) {
                    namesLeftOut = true;
                } else {
                    missing.add(edge + (reachable.contains(name) ? " (reachable from a handler)" : ""));
                }
            }
            if (initialize && !namesLeftOut) {
                Class.forName(name, true, p.classLoader);
            }
        }
        return missing;
    }

    /** The suite classes the handlers of the functions packaged in {@code zip} name, directly or through other suite classes. */
    private static Set<String> reachableFromHandlers(Path zip, LambdaPackage p) {
        Template t = Template.repo();
        return reachable(p, t.functionIds().stream().filter(f -> t.codeUri(f).equals(zip)).map(t::handlerClass).toList());
    }

    private static Set<String> reachable(LambdaPackage p, List<String> roots) {
        Set<String> suite = new HashSet<>(p.suiteClasses());
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!suite.contains(name) || !seen.add(name)) {
                continue;
            }
            ClassReferences.of(p.resource(name.replace('.', '/') + ".class").orElseThrow()).forEach(todo::push);
        }
        return seen;
    }

    private static List<String> jarNames(String module) {
        return LambdaPackage.open(Template.ROOT.resolve(module + "/target/" + module + ".zip")).jarNames();
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
