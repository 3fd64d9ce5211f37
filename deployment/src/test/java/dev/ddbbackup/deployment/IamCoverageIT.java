package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbbackup.emulators.iam.DeclaredIamActions;
import dev.ddbbackup.emulators.iam.IamRecording;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The other half of the IAM check: every action a function declares as called was called by its
 * module's integration tests (the files IamRecording wrote under {module}/target/iam-recorded/ when
 * those tests ran, earlier in the same ./mvnw verify), and none tagged unexercised was. Together with
 * the function modules' check (nothing called that is not declared) and FunctionIamTest (role ==
 * declared), the role grants what the tested code calls, plus the actions the lists explain.
 */
class IamCoverageIT {

    static Stream<String> functions() {
        return Template.repo().functionIds().stream();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyDeclaredCall_wasMadeByTheModulesIntegrationTests(String functionId) throws Exception {
        Template t = Template.repo();
        DeclaredIamActions declared = IamCheck.declared(t, functionId);
        Path module = Template.ROOT.resolve(Template.ROOT.relativize(t.codeUri(functionId)).getName(0));
        Path recorded = module.resolve("target/iam-recorded").resolve(t.handlerClass(functionId) + ".txt");

        assertThat(recorded).as("run " + module.getFileName() + "'s integration tests first (./mvnw verify does)").isRegularFile();
        assertThat(declared.coverageProblems(IamRecording.readRecordedActions(recorded))).isEmpty();
    }
}
