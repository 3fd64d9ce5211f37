package dev.ddbbackup.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every function of the template must have, whatever its code: Java 21, active tracing, at most 15
 * minutes, its own log group with a retention, an on-failure destination for asynchronous invocations,
 * a role Lambda can assume, and an alarm on its errors.
 */
final class FunctionCheck {

    private FunctionCheck() {}

    static List<String> problems(Template t, String id) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> p = t.functionProperties(id);
        if (!"java21".equals(p.get("Runtime"))) {
            problems.add(id + ": Runtime must be java21, got " + p.get("Runtime"));
        }
        if (!"Active".equals(p.get("Tracing"))) {
            problems.add(id + ": Tracing must be Active, got " + p.get("Tracing"));
        }
        if (!(p.get("Timeout") instanceof Integer timeout) || timeout > 900) {
            problems.add(id + ": Timeout must be a number of seconds up to 900, got " + p.get("Timeout"));
        }
        if (!(p.get("MemorySize") instanceof Integer memory) || memory < 512 || memory > 10240) {
            problems.add(id + ": MemorySize must be 512-10240 MB for these functions, got " + p.get("MemorySize"));
        }
        String logGroup = refTarget(path(p, "LoggingConfig", "LogGroup"));
        if (logGroup == null || !t.resources().containsKey(logGroup) || !"AWS::Logs::LogGroup".equals(t.type(logGroup))) {
            problems.add(id + ": LoggingConfig.LogGroup must be !Ref an AWS::Logs::LogGroup of the template");
        } else if (!t.properties(logGroup).containsKey("RetentionInDays")) {
            problems.add(id + ": its log group " + logGroup + " has no RetentionInDays");
        }
        Object onFailure = path(p, "EventInvokeConfig", "DestinationConfig", "OnFailure");
        if (!(onFailure instanceof Map<?, ?> f) || f.get("Type") == null || f.get("Destination") == null) {
            problems.add(id + ": EventInvokeConfig.DestinationConfig.OnFailure needs a Type and a Destination");
        }
        String role = t.roleOf(id);
        if (!String.valueOf(t.properties(role).get("AssumeRolePolicyDocument")).contains("Service=lambda.amazonaws.com")) {
            problems.add(id + ": its role " + role + " must trust lambda.amazonaws.com");
        }
        boolean alarmed = t.resources().keySet().stream().filter(r -> "AWS::CloudWatch::Alarm".equals(t.type(r))).map(t::properties)
                .anyMatch(a -> "AWS/Lambda".equals(a.get("Namespace")) && "Errors".equals(a.get("MetricName"))
                        && String.valueOf(a.get("Dimensions")).equals("[{Name=FunctionName, Value={Ref=" + id + "}}]")
                        && a.get("AlarmActions") instanceof List<?> actions && !actions.isEmpty());
        if (!alarmed) {
            problems.add(id + ": no alarm with actions on its AWS/Lambda Errors");
        }
        return problems;
    }

    static Object path(Map<String, Object> node, String... keys) {
        Object v = node;
        for (String k : keys) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(k);
        }
        return v;
    }

    private static String refTarget(Object node) {
        return node instanceof Map<?, ?> m && m.get("Ref") instanceof String s ? s : null;
    }
}
