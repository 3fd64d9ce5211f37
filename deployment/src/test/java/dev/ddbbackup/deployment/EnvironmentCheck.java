package dev.ddbbackup.deployment;

import dev.ddbbackup.core.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the environment variables a function's code reads (its handler's settings, asked for through
 * {@link FunctionContracts}) with those the evaluated template sets, and lets the code validate the
 * template's values as it would at Lambda init.
 */
final class EnvironmentCheck {

    private EnvironmentCheck() {}

    /** The function's evaluated environment, values as strings. */
    static Map<String, String> environment(Evaluator e, String functionId) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = e.properties(functionId).get("Environment");
        if (environment != null) {
            Template.map(Template.map(environment).get("Variables")).forEach((k, v) -> env.put(k, Evaluator.scalar(v, functionId + "." + k)));
        }
        return env;
    }

    static List<String> problems(Template t, Evaluator e, String functionId) {
        Map<String, String> env = environment(e, functionId);
        String handler = t.handlerClass(functionId);
        List<String> read;
        try {
            read = FunctionContracts.namesRead(handler, env);
        } catch (ConfigException ex) {
            return List.of(functionId + ": the code refuses the template's environment: " + ex.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (String name : read) {
            if (!env.containsKey(name)) {
                problems.add(functionId + ": " + handler + " reads " + name + ", which the template does not set"
                        + " (set it, to \"\" for the code's default)");
            }
        }
        return problems;
    }
}
