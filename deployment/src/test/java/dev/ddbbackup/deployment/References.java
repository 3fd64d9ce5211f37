package dev.ddbbackup.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every reference in a template resolves: {@code Ref}, {@code Fn::GetAtt}, the variables of
 * {@code Fn::Sub}, conditions ({@code Condition:}, {@code Fn::If}, {@code Condition} in conditions),
 * {@code Fn::FindInMap} and {@code DependsOn}. Conditions and Rules may only refer to parameters.
 */
final class References {

    static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
            "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Template t;
    private final List<String> problems = new ArrayList<>();

    private References(Template t) {
        this.t = t;
    }

    /** Every unresolved reference, each naming where it is; empty when all resolve. */
    static List<String> problems(Template t) {
        References r = new References(t);
        r.check();
        return r.problems;
    }

    private void check() {
        t.conditions().forEach((name, c) -> walk(c, "Conditions." + name, Set.of(), true));
        t.section("Rules").forEach((name, r) -> walk(r, "Rules." + name, Set.of(), true));
        t.resources().forEach((id, r) -> {
            Map<String, Object> res = Template.map(r);
            String path = "Resources." + id;
            condition(res.get("Condition"), path + ".Condition");
            Object dependsOn = res.get("DependsOn");
            for (Object d : dependsOn instanceof List<?> l ? l : dependsOn == null ? List.of() : List.of(dependsOn)) {
                if (!t.resources().containsKey(String.valueOf(d))) {
                    problems.add(path + ".DependsOn: no resource " + d);
                }
            }
            walk(res.get("Properties"), path + ".Properties", Set.of(), false);
            walk(res.get("Metadata"), path + ".Metadata", Set.of(), false);
        });
        t.outputs().forEach((name, o) -> {
            Map<String, Object> out = Template.map(o);
            condition(out.get("Condition"), "Outputs." + name + ".Condition");
            walk(out.get("Value"), "Outputs." + name + ".Value", Set.of(), false);
        });
        walk(t.section("Globals"), "Globals", Set.of(), false);
    }

    private void condition(Object name, String path) {
        if (name != null && !t.conditions().containsKey(String.valueOf(name))) {
            problems.add(path + ": no condition " + name);
        }
    }

    private void walk(Object node, String path, Set<String> locals, boolean parametersOnly) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", locals, parametersOnly);
            }
            return;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        if (map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object arg = map.values().iterator().next();
            switch (key) {
                case "Ref" -> {
                    ref(String.valueOf(arg), path, locals, parametersOnly);
                    return;
                }
                case "Fn::GetAtt" -> {
                    Object target = arg instanceof List<?> l && !l.isEmpty() ? l.get(0) : arg;
                    if (parametersOnly || !t.resources().containsKey(String.valueOf(target))) {
                        problems.add(path + ": Fn::GetAtt of " + target + ", which is not a resource" + (parametersOnly ? " (only parameters here)" : ""));
                    }
                    return;
                }
                case "Fn::Sub" -> {
                    sub(arg, path, locals, parametersOnly);
                    return;
                }
                case "Fn::If" -> {
                    if (arg instanceof List<?> l && !l.isEmpty()) {
                        condition(l.get(0), path + ".Fn::If");
                        walk(l.subList(1, l.size()), path + ".Fn::If", locals, parametersOnly);
                    } else {
                        problems.add(path + ": Fn::If needs [condition, then, else]");
                    }
                    return;
                }
                case "Condition" -> {
                    if (arg instanceof String s) {
                        condition(s, path);
                        return;
                    }
                }
                case "Fn::FindInMap" -> {
                    if (arg instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String m && !t.section("Mappings").containsKey(m)) {
                        problems.add(path + ": Fn::FindInMap of " + m + ", which is not a mapping");
                    }
                }
                default -> { }
            }
        }
        map.forEach((k, v) -> walk(v, path + "." + k, locals, parametersOnly));
    }

    private void sub(Object arg, String path, Set<String> outer, boolean parametersOnly) {
        String text;
        Set<String> locals = new java.util.HashSet<>(outer);
        if (arg instanceof String s) {
            text = s;
        } else if (arg instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String s && l.get(1) instanceof Map<?, ?> vars) {
            text = s;
            vars.forEach((k, v) -> {
                walk(v, path + ".Fn::Sub." + k, outer, parametersOnly);
                locals.add(String.valueOf(k));
            });
        } else {
            problems.add(path + ": Fn::Sub needs a string or [string, {variables}]");
            return;
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            String var = m.group(1);
            if (var.startsWith("!")) {
                continue;
            }
            int dot = var.indexOf('.');
            if (dot > 0 && !var.contains("::")) {
                String resource = var.substring(0, dot);
                if (parametersOnly || !t.resources().containsKey(resource)) {
                    problems.add(path + ": Fn::Sub ${" + var + "}: " + resource + " is not a resource");
                }
            } else {
                ref(var, path + ": Fn::Sub ${" + var + "}", locals, parametersOnly);
            }
        }
    }

    private void ref(String name, String path, Set<String> locals, boolean parametersOnly) {
        boolean ok = PSEUDO.contains(name) || t.parameters().containsKey(name) || locals.contains(name)
                || (!parametersOnly && t.resources().containsKey(name));
        if (!ok) {
            problems.add(path + ": " + name + " is not a parameter" + (parametersOnly ? "" : ", resource") + " or pseudo parameter");
        }
    }
}
