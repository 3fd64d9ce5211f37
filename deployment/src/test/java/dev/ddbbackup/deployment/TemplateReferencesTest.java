package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateReferencesTest {

    @Test
    void everyRefGetAttSubVariableAndConditionResolves() {
        assertThat(References.problems(Template.repo())).isEmpty();
    }

    @Test
    void aRefToAMissingParameter_isReportedWithItsPath() {
        Template t = Template.repo().copy();
        variables(t, "BackupFunction").put("BACKUP_PREFIX", Map.of("Ref", "BackupPrefx"));

        assertThat(References.problems(t)).containsExactly(
                "Resources.BackupFunction.Properties.Environment.Variables.BACKUP_PREFIX: BackupPrefx is not a parameter, resource or pseudo parameter");
    }

    @Test
    void aGetAttOfAMissingResource_isReported() {
        Template t = Template.repo().copy();
        t.properties("RecoveryFunction").put("Role", Map.of("Fn::GetAtt", List.of("RecoveryRole", "Arn")));

        assertThat(References.problems(t)).singleElement().asString()
                .contains("Resources.RecoveryFunction.Properties.Role: Fn::GetAtt of RecoveryRole, which is not a resource");
    }

    @Test
    void aSubVariableNamingNothing_isReported() {
        Template t = Template.repo().copy();
        t.properties("BackupLogGroup").put("LogGroupName", Map.of("Fn::Sub", "/aws/lambda/${AWS::StackName}-${FunctionSuffix}"));
        t.properties("RecoveryLogGroup").put("LogGroupName", Map.of("Fn::Sub", "${BackupBuckett.Arn}"));

        assertThat(References.problems(t)).hasSize(2).anySatisfy(p -> assertThat(p).contains("${FunctionSuffix}"))
                .anySatisfy(p -> assertThat(p).contains("BackupBuckett is not a resource"));
    }

    @Test
    void anUnknownConditionOrAResourceInConditions_isReported() {
        Template t = Template.repo().copy();
        t.resource("ProductsTable").put("Condition", "CreateExampleTables");
        t.conditions().put("Broken", Map.of("Fn::Equals", List.of(Map.of("Ref", "BackupBucket"), "")));

        assertThat(References.problems(t)).hasSize(2)
                .anySatisfy(p -> assertThat(p).isEqualTo("Resources.ProductsTable.Condition: no condition CreateExampleTables"))
                .anySatisfy(p -> assertThat(p).startsWith("Conditions.Broken").contains("BackupBucket is not a parameter or pseudo parameter"));
    }

    @Test
    void consoleParameterGroups_nameEveryParameterOnce_andNothingElse() {
        Template t = Template.repo();
        List<String> grouped = new java.util.ArrayList<>();
        Map<String, Object> ui = Template.map(Template.map(t.section("Metadata").get("AWS::CloudFormation::Interface")));
        for (Object g : (List<?>) ui.get("ParameterGroups")) {
            ((List<?>) Template.map(g).get("Parameters")).forEach(p -> grouped.add(String.valueOf(p)));
        }

        assertThat(grouped).containsExactlyInAnyOrderElementsOf(t.parameters().keySet());
    }

    static Map<String, Object> variables(Template t, String functionId) {
        Map<String, Object> env = Template.map(t.properties(functionId).get("Environment"));
        return Template.map(env.computeIfAbsent("Variables", k -> new LinkedHashMap<>()));
    }
}
