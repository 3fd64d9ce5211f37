package dev.ddbbackup.deployment;

import dev.ddbbackup.emulators.iam.DeclaredIamActions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares each function's IAM role in the template with the IAM actions its code declares
 * ({@code <Handler>-iam-actions.txt}, read from the function's Lambda package), and checks how the role
 * scopes them.
 */
final class IamCheck {

    /** What every function's role needs for the Lambda platform rather than for its code. */
    static final Map<String, String> PLATFORM = Map.of(
            "logs:CreateLogStream", "Lambda writes the function's log lines to its log group",
            "logs:PutLogEvents", "Lambda writes the function's log lines to its log group",
            "xray:PutTraceSegments", "Tracing: Active",
            "xray:PutTelemetryRecords", "Tracing: Active",
            "sqs:SendMessage", "Lambda sends asynchronous invocations that failed to the on-failure queue with the function's role");

    /**
     * Actions without resource-level permissions: they may (must) have Resource "*". ListBackups lists
     * the account's backups (the request's TableName is a filter, not a resource); ListBackupJobs and the
     * restore-job actions name no AWS Backup resource type.
     */
    static final Set<String> RESOURCE_STAR_ONLY = Set.of("cloudwatch:PutMetricData", "xray:PutTraceSegments",
            "xray:PutTelemetryRecords", "backup:DescribeRestoreJob", "backup:ListBackupJobs", "backup:PutRestoreValidationResult",
            "dynamodb:ListBackups");

    private IamCheck() {}

    /** The declared list of a function's handler, as its Lambda package ships it. */
    static DeclaredIamActions declared(Template t, String functionId) {
        String name = DeclaredIamActions.resourceName(t.handlerClass(functionId));
        byte[] text = LambdaPackage.open(t.codeUri(functionId)).resource(name)
                .orElseThrow(() -> new IllegalStateException(t.codeUri(functionId) + " has no " + name));
        return DeclaredIamActions.parse(name, new String(text, StandardCharsets.UTF_8));
    }

    /** Every action the role's policies can grant, under any parameters (both branches of every Fn::If). */
    static Set<String> grantedActions(Template t, String roleId) {
        Set<String> actions = new TreeSet<>();
        collect(t.properties(roleId).get("Policies"), actions, false);
        return actions;
    }

    private static void collect(Object node, Set<String> actions, boolean inAction) {
        if (node instanceof String s && inAction) {
            actions.add(s);
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, actions, inAction));
        } else if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ("Fn::If".equals(k) && v instanceof List<?> l && l.size() == 3) {
                    collect(l.subList(1, 3), actions, inAction);
                } else {
                    collect(v, actions, inAction || "Action".equals(k) || "NotAction".equals(k));
                }
            });
        }
    }

    /** Where the function's role and its declared list differ; empty when they are equal. */
    static List<String> actionProblems(Template t, String functionId, DeclaredIamActions declared) {
        List<String> problems = new ArrayList<>();
        String roleId = t.roleOf(functionId);
        if (!"AWS::IAM::Role".equals(t.type(roleId))) {
            return List.of(functionId + ": its Role " + roleId + " is not an AWS::IAM::Role of this template");
        }
        Map<String, Object> role = t.properties(roleId);
        for (String forbidden : List.of("ManagedPolicyArns", "PermissionsBoundary")) {
            if (role.containsKey(forbidden)) {
                problems.add(roleId + ": " + forbidden + " grants actions no test can compare; write them as inline statements");
            }
        }
        Set<String> granted = grantedActions(t, roleId);
        Set<String> expected = new TreeSet<>(declared.actions());
        expected.addAll(PLATFORM.keySet());
        for (String a : expected) {
            if (!granted.contains(a)) {
                problems.add(roleId + " (" + functionId + ") does not grant " + a + ", which "
                        + (PLATFORM.containsKey(a) ? "the Lambda platform needs: " + PLATFORM.get(a) : declared.source() + " declares"));
            }
        }
        for (String a : granted) {
            if (!expected.contains(a)) {
                problems.add(roleId + " (" + functionId + ") grants " + a + ", which " + declared.source()
                        + " does not declare and the Lambda platform does not need");
            }
        }
        return problems;
    }

    /**
     * How the evaluated role scopes its actions: Allow only, no wildcard actions, Resource "*" only for
     * actions without resource-level permissions, and metrics only into the function's namespace.
     */
    static List<String> scopeProblems(Template t, Evaluator e, String functionId) {
        List<String> problems = new ArrayList<>();
        String roleId = t.roleOf(functionId);
        Object namespace = Template.map(Template.map(e.properties(functionId).get("Environment")).get("Variables")).get("METRICS_NAMESPACE");
        for (Map<String, Object> s : statements(e, roleId)) {
            String sid = roleId + " statement " + s.getOrDefault("Sid", "?");
            List<String> actions = strings(s.get("Action"));
            List<String> resources = strings(s.get("Resource"));
            if (!"Allow".equals(s.get("Effect"))) {
                problems.add(sid + ": Effect must be Allow");
            }
            if (s.containsKey("NotAction") || s.containsKey("NotResource")) {
                problems.add(sid + ": NotAction/NotResource grant more than they name");
            }
            for (String a : actions) {
                if (a.contains("*")) {
                    problems.add(sid + ": wildcard action " + a);
                }
                if (resources.contains("*") && !RESOURCE_STAR_ONLY.contains(a)) {
                    problems.add(sid + ": " + a + " on Resource \"*\"; scope it to the resources it needs");
                }
                if (a.equals("cloudwatch:PutMetricData")) {
                    Object condition = s.get("Condition") instanceof Map<?, ?> c && c.get("StringEquals") instanceof Map<?, ?> eq
                            ? eq.get("cloudwatch:namespace") : null;
                    if (condition == null || !condition.equals(namespace)) {
                        problems.add(sid + ": cloudwatch:PutMetricData must be limited (cloudwatch:namespace) to the function's METRICS_NAMESPACE "
                                + namespace + ", got " + condition);
                    }
                }
            }
            if (resources.isEmpty()) {
                problems.add(sid + ": no Resource");
            }
        }
        return problems;
    }

    /** The role's evaluated statements. */
    static List<Map<String, Object>> statements(Evaluator e, String roleId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object p : (List<?>) e.properties(roleId).get("Policies")) {
            for (Object s : (List<?>) Template.map(Template.map(p).get("PolicyDocument")).get("Statement")) {
                out.add(Template.map(s));
            }
        }
        return out;
    }

    /** Resources of the evaluated statements that grant {@code action}. */
    static List<String> resourcesOf(Evaluator e, String roleId, String action) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> s : statements(e, roleId)) {
            if (strings(s.get("Action")).contains(action)) {
                out.addAll(strings(s.get("Resource")));
            }
        }
        return out;
    }

    static List<String> strings(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }
}
