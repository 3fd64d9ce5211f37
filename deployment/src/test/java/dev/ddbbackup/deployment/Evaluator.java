package dev.ddbbackup.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a template offline for one set of parameter values, as CloudFormation would: conditions,
 * {@code Fn::If} with {@code AWS::NoValue}, Ref, GetAtt, Sub, Join, Split, Select, Equals, And, Or, Not,
 * FindInMap, GetAZs. Resources get plausible physical ids and attributes (bucket names, ARNs in
 * us-east-1 of account 123456789012, stack {@value #STACK}); an attribute the model does not know for a
 * resource type, a reference to a resource whose condition is false, or a parameter value its
 * constraints refuse is an error naming the path, so a template that would fail to deploy under these
 * parameters fails here.
 */
final class Evaluator {

    static final String STACK = "ddb-backup";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    /** Stands for AWS::NoValue: dropped from maps and lists. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** An evaluation that CloudFormation would refuse. */
    static final class EvaluationException extends RuntimeException {
        EvaluationException(String message) {
            super(message);
        }
    }

    private final Template t;
    private final Map<String, Object> parameters = new HashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();

    /**
     * @param overrides parameter values as strings (samconfig's parameter_overrides form); the others take their Default
     */
    Evaluator(Template t, Map<String, String> overrides) {
        this.t = t;
        for (String name : overrides.keySet()) {
            if (!t.parameters().containsKey(name)) {
                throw new EvaluationException("parameter override " + name + ": the template has no such parameter");
            }
        }
        t.parameters().forEach((name, p) -> {
            Map<String, Object> def = Template.map(p);
            String value = overrides.containsKey(name) ? overrides.get(name)
                    : def.containsKey("Default") ? String.valueOf(def.get("Default")) : null;
            if (value == null) {
                throw new EvaluationException("Parameters." + name + ": no value and no Default");
            }
            Parameters.check(name, def, value).ifPresent(problem -> {
                throw new EvaluationException("Parameters." + name + ": " + problem);
            });
            parameters.put(name, "CommaDelimitedList".equals(def.get("Type")) || String.valueOf(def.get("Type")).startsWith("List<")
                    ? List.of(value.split(",", -1)) : value);
        });
    }

    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        Object c = t.conditions().get(name);
        if (c == null) {
            throw new EvaluationException("no condition " + name);
        }
        boolean v = bool(eval(c, "Conditions." + name), "Conditions." + name);
        conditions.put(name, v);
        return v;
    }

    /** Whether a resource is created under these parameters. */
    boolean exists(String id) {
        Object c = t.resource(id).get("Condition");
        return c == null || condition(String.valueOf(c));
    }

    /** A resource's evaluated properties (a SAM function's with Globals merged). */
    Map<String, Object> properties(String id) {
        if (!exists(id)) {
            throw new EvaluationException("Resources." + id + " is not created under these parameters");
        }
        Map<String, Object> raw = Template.SERVERLESS_FUNCTION.equals(t.type(id)) ? t.functionProperties(id) : t.properties(id);
        return Template.map(eval(raw, "Resources." + id + ".Properties"));
    }

    /** Evaluates the Rules, every created resource and every output; throws at the first error. */
    void evaluateAll() {
        t.section("Rules").forEach((name, r) -> {
            Map<String, Object> rule = Template.map(r);
            String path = "Rules." + name;
            if (rule.get("RuleCondition") == null || bool(eval(rule.get("RuleCondition"), path), path)) {
                for (Object a : (List<?>) rule.get("Assertions")) {
                    Map<String, Object> assertion = Template.map(a);
                    if (!bool(eval(assertion.get("Assert"), path), path)) {
                        throw new EvaluationException(path + ": " + assertion.get("AssertDescription"));
                    }
                }
            }
        });
        for (String id : t.resources().keySet()) {
            if (exists(id)) {
                properties(id);
            }
        }
        t.outputs().forEach((name, o) -> {
            Map<String, Object> out = Template.map(o);
            Object c = out.get("Condition");
            if (c == null || condition(String.valueOf(c))) {
                eval(out.get("Value"), "Outputs." + name);
            }
        });
    }

    Object eval(Object node, String path) {
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object v = eval(list.get(i), path + "[" + i + "]");
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        if (map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object arg = map.values().iterator().next();
            if (key.equals("Ref") || key.startsWith("Fn::") || (key.equals("Condition") && arg instanceof String)) {
                return function(key, arg, path);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            Object e = eval(v, path + "." + k);
            if (e != NO_VALUE) {
                out.put(String.valueOf(k), e);
            }
        });
        return out;
    }

    private Object function(String name, Object arg, String path) {
        String at = path + "." + name;
        return switch (name) {
            case "Ref" -> ref(String.valueOf(arg), at);
            case "Condition" -> condition(String.valueOf(arg));
            case "Fn::GetAtt" -> {
                List<?> l = (List<?>) arg;
                yield getAtt(String.valueOf(l.get(0)), String.valueOf(eval(l.get(1), at)), at);
            }
            case "Fn::Sub" -> sub(arg, at);
            case "Fn::If" -> {
                List<?> l = (List<?>) arg;
                yield condition(String.valueOf(l.get(0))) ? eval(l.get(1), at + "[1]") : eval(l.get(2), at + "[2]");
            }
            case "Fn::Equals" -> {
                List<?> l = (List<?>) arg;
                yield String.valueOf(eval(l.get(0), at)).equals(String.valueOf(eval(l.get(1), at)));
            }
            case "Fn::Not" -> !bool(eval(((List<?>) arg).get(0), at), at);
            case "Fn::And" -> ((List<?>) arg).stream().allMatch(c -> bool(eval(c, at), at));
            case "Fn::Or" -> ((List<?>) arg).stream().anyMatch(c -> bool(eval(c, at), at));
            case "Fn::Join" -> {
                List<?> l = (List<?>) arg;
                if (!(l.get(0) instanceof String delimiter)) {
                    throw new EvaluationException(at + ": the delimiter must be a literal string (CloudFormation allows no function there)");
                }
                List<String> parts = new ArrayList<>();
                for (Object v : list(eval(l.get(1), at), at)) {
                    parts.add(scalar(v, at));
                }
                yield String.join(delimiter, parts);
            }
            case "Fn::Split" -> {
                List<?> l = (List<?>) arg;
                yield List.of(scalar(eval(l.get(1), at), at).split(Pattern.quote(String.valueOf(l.get(0))), -1));
            }
            case "Fn::Select" -> {
                List<?> l = (List<?>) arg;
                int index = Integer.parseInt(scalar(eval(l.get(0), at), at));
                List<?> from = list(eval(l.get(1), at), at);
                if (index < 0 || index >= from.size()) {
                    throw new EvaluationException(at + ": index " + index + " of a list of " + from.size());
                }
                yield from.get(index);
            }
            case "Fn::FindInMap" -> {
                List<?> l = (List<?>) arg;
                Object v = t.section("Mappings").get(scalar(eval(l.get(0), at), at));
                for (int i = 1; i < 3 && v != null; i++) {
                    v = Template.map(v).get(scalar(eval(l.get(i), at), at));
                }
                if (v == null) {
                    throw new EvaluationException(at + ": no such mapping entry " + l);
                }
                yield v;
            }
            case "Fn::GetAZs" -> List.of(REGION + "a", REGION + "b", REGION + "c");
            case "Fn::Base64" -> java.util.Base64.getEncoder().encodeToString(scalar(eval(arg, at), at).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default -> throw new EvaluationException(at + ": this offline evaluator does not implement " + name);
        };
    }

    private Object ref(String name, String path) {
        switch (name) {
            case "AWS::Region": return REGION;
            case "AWS::AccountId": return ACCOUNT;
            case "AWS::Partition": return "aws";
            case "AWS::StackName": return STACK;
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::StackId": return "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + STACK + "/0a1b2c3d";
            case "AWS::NotificationARNs": return List.of();
            case "AWS::NoValue": return NO_VALUE;
            default: break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return resourceRef(name, path);
    }

    private String resourceRef(String id, String path) {
        if (!t.resources().containsKey(id)) {
            throw new EvaluationException(path + ": no parameter or resource " + id);
        }
        if (!exists(id)) {
            throw new EvaluationException(path + ": refers to " + id + ", which is not created under these parameters (condition "
                    + t.resource(id).get("Condition") + " is false)");
        }
        String type = t.type(id);
        Map<String, Object> p = Template.SERVERLESS_FUNCTION.equals(type) ? t.functionProperties(id) : t.properties(id);
        String generated = STACK + "-" + id + "-1A2B3C4D5E6F";
        return switch (type) {
            case "AWS::S3::Bucket" -> named(p, "BucketName", id, (STACK + "-" + id + "-1a2b3c4d5e6f").toLowerCase(java.util.Locale.ROOT));
            case "AWS::DynamoDB::Table" -> named(p, "TableName", id, generated);
            case "AWS::Logs::LogGroup" -> named(p, "LogGroupName", id, generated);
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> named(p, "FunctionName", id, generated);
            case "AWS::Backup::BackupVault" -> named(p, "BackupVaultName", id, generated);
            case "AWS::CloudWatch::Dashboard" -> named(p, "DashboardName", id, generated);
            case "AWS::CloudWatch::Alarm" -> named(p, "AlarmName", id, generated);
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + generated;
            case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + generated;
            case "AWS::KMS::Key" -> "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
            case "AWS::Backup::BackupPlan" -> "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
            default -> generated;
        };
    }

    private String named(Map<String, Object> props, String property, String id, String generated) {
        Object name = props.get(property) == null ? NO_VALUE : eval(props.get(property), "Resources." + id + ".Properties." + property);
        return name == NO_VALUE ? generated : scalar(name, id);
    }

    private String getAtt(String id, String attribute, String path) {
        String ref = resourceRef(id, path);
        String type = t.type(id);
        String arnBase = ":" + REGION + ":" + ACCOUNT + ":";
        String v = switch (type + "." + attribute) {
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + ref;
            case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb" + arnBase + "table/" + ref;
            case "AWS::Logs::LogGroup.Arn" -> "arn:aws:logs" + arnBase + "log-group:" + ref + ":*";
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" -> "arn:aws:lambda" + arnBase + "function:" + ref;
            case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ACCOUNT + ":role/" + ref;
            case "AWS::KMS::Key.Arn" -> "arn:aws:kms" + arnBase + "key/" + ref;
            case "AWS::KMS::Key.KeyId" -> ref;
            case "AWS::SNS::Topic.TopicArn" -> ref;
            case "AWS::SNS::Topic.TopicName" -> ref.substring(ref.lastIndexOf(':') + 1);
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs" + arnBase + ref.substring(ref.lastIndexOf('/') + 1);
            case "AWS::SQS::Queue.QueueName" -> ref.substring(ref.lastIndexOf('/') + 1);
            case "AWS::SQS::Queue.QueueUrl" -> ref;
            case "AWS::Backup::BackupVault.BackupVaultArn" -> "arn:aws:backup" + arnBase + "backup-vault:" + ref;
            case "AWS::Backup::BackupVault.BackupVaultName" -> ref;
            case "AWS::Backup::BackupPlan.BackupPlanArn" -> "arn:aws:backup" + arnBase + "backup-plan:" + ref;
            case "AWS::Backup::BackupPlan.BackupPlanId" -> ref;
            case "AWS::CloudWatch::Alarm.Arn" -> "arn:aws:cloudwatch" + arnBase + "alarm:" + ref;
            default -> type.startsWith("Custom::") ? attribute + "-of-" + id : null;
        };
        if (v == null) {
            throw new EvaluationException(path + ": Fn::GetAtt " + id + "." + attribute + ": " + type
                    + " has no such attribute in this test's resource model (a typo, or add it to Evaluator.getAtt)");
        }
        return v;
    }

    private Object sub(Object arg, String path) {
        String text;
        Map<String, Object> locals = new HashMap<>();
        if (arg instanceof String s) {
            text = s;
        } else {
            List<?> l = (List<?>) arg;
            if (!(l.get(0) instanceof String s)) {
                throw new EvaluationException(path + ": the string of Fn::Sub must be literal");
            }
            text = s;
            Template.map(l.get(1)).forEach((k, v) -> locals.put(k, eval(v, path + "." + k)));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String var = m.group(1);
            String value;
            if (var.startsWith("!")) {
                value = "${" + var.substring(1) + "}";
            } else if (locals.containsKey(var)) {
                value = scalar(locals.get(var), path);
            } else if (var.contains(".") && !var.contains("::")) {
                int dot = var.indexOf('.');
                value = getAtt(var.substring(0, dot), var.substring(dot + 1), path);
            } else {
                value = scalar(ref(var, path), path);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean bool(Object v, String path) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new EvaluationException(path + ": expected a condition, got " + v);
    }

    private static List<?> list(Object v, String path) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new EvaluationException(path + ": expected a list, got " + v);
    }

    static String scalar(Object v, String path) {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new EvaluationException(path + ": expected a string, got " + v);
    }
}
