package dev.ddbbackup.emulators.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclaredIamActionsTest {

    private static final DeclaredIamActions LIST = DeclaredIamActions.parse("F-iam-actions.txt", """
            # comment
            s3:GetObject
            s3:ListBucket   # HeadBucket
            s3:AbortMultipartUpload  unexercised: only when an upload fails
            kms:Decrypt      implied: SSE-KMS objects
            """);

    @Test
    void parse_readsActionsKindsAndReasons() {
        assertThat(LIST.actions()).containsExactly("kms:Decrypt", "s3:AbortMultipartUpload", "s3:GetObject", "s3:ListBucket");
        assertThat(LIST.entries().get("s3:AbortMultipartUpload").kind()).isEqualTo(DeclaredIamActions.Kind.UNEXERCISED);
        assertThat(LIST.entries().get("kms:Decrypt").reason()).isEqualTo("SSE-KMS objects");
        assertThat(LIST.entries().get("s3:ListBucket").kind()).isEqualTo(DeclaredIamActions.Kind.CALLED);
    }

    @Test
    void parse_badLines_areRefusedNamingTheLine() {
        assertThatThrownBy(() -> DeclaredIamActions.parse("x", "s3:GetObject\ns3-GetObject\n"))
                .hasMessageStartingWith("x line 2: expected 'service:Action'");
        assertThatThrownBy(() -> DeclaredIamActions.parse("x", "s3:Get*\n")).hasMessageStartingWith("x line 1:");
        assertThatThrownBy(() -> DeclaredIamActions.parse("x", "kms:Decrypt implied:\n"))
                .hasMessage("x line 1: 'implied:' needs the reason after it");
        assertThatThrownBy(() -> DeclaredIamActions.parse("x", "s3:GetObject\ns3:GetObject\n"))
                .hasMessage("x line 2: s3:GetObject is declared twice");
        assertThatThrownBy(() -> DeclaredIamActions.parse("x", "# nothing\n")).hasMessage("x: declares no action");
    }

    @Test
    void problemsWithCalls_namesUndeclaredActionsAndCalledImpliedOnes() {
        assertThat(LIST.problemsWithCalls(Set.of("S3:HeadObject", "S3:HeadBucket"))).isEmpty();

        assertThat(LIST.problemsWithCalls(Set.of("S3:PutObject", "S3:GetObject")))
                .containsExactly("S3:PutObject needs s3:PutObject, which F-iam-actions.txt does not declare");
        assertThat(LIST.problemsWithCalls(Set.of("Kms:Decrypt"))).singleElement().asString()
                .contains("Kms:Decrypt was called, but F-iam-actions.txt says kms:Decrypt is only implied");
    }

    @Test
    void coverageProblems_namesCalledActionsNoTestReached_andUnexercisedOnesATestDidReach() {
        assertThat(LIST.coverageProblems(Set.of("s3:GetObject", "s3:ListBucket"))).isEmpty();

        List<String> problems = LIST.coverageProblems(Set.of("s3:GetObject", "s3:AbortMultipartUpload"));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("s3:ListBucket is declared in F-iam-actions.txt as called, but no integration test called it");
        assertThat(problems.get(1)).startsWith("s3:AbortMultipartUpload is tagged unexercised");
    }

    @Test
    void resourceName_isTheHandlerClassPathWithTheSuffix() {
        assertThat(DeclaredIamActions.resourceName("dev.ddbbackup.backup.BackupHandler"))
                .isEqualTo("dev/ddbbackup/backup/BackupHandler-iam-actions.txt");
    }
}
