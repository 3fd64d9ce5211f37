package dev.ddbbackup.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** template.yaml as maps, with the lookups the checks share; {@link #copy()} gives one to break in a test. */
final class Template {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    private static Template repo;

    final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    /** The repository's template.yaml (parsed once; do not edit it, edit a {@link #copy()}). */
    static synchronized Template repo() {
        if (repo == null) {
            try {
                repo = new Template(CfnYaml.load(Files.readString(ROOT.resolve("template.yaml"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return repo;
    }

    @SuppressWarnings("unchecked")
    Template copy() {
        return new Template((Map<String, Object>) CfnYaml.mutable(root));
    }

    Map<String, Object> section(String name) {
        return map(root.getOrDefault(name, new LinkedHashMap<>()));
    }

    Map<String, Object> parameters() {
        return section("Parameters");
    }

    Map<String, Object> conditions() {
        return section("Conditions");
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Object> outputs() {
        return section("Outputs");
    }

    Map<String, Object> resource(String id) {
        Object r = resources().get(id);
        if (r == null) {
            throw new IllegalArgumentException("template has no resource " + id);
        }
        return map(r);
    }

    String type(String id) {
        return (String) resource(id).get("Type");
    }

    Map<String, Object> properties(String id) {
        return map(resource(id).getOrDefault("Properties", new LinkedHashMap<>()));
    }

    /** Logical ids of the SAM functions, in template order. */
    List<String> functionIds() {
        return resources().keySet().stream().filter(id -> SERVERLESS_FUNCTION.equals(type(id))).toList();
    }

    /** A SAM function's properties as SAM sees them: Globals.Function, overridden by its own. */
    Map<String, Object> functionProperties(String id) {
        Map<String, Object> merged = new LinkedHashMap<>(map(section("Globals").getOrDefault("Function", Map.of())));
        merged.putAll(properties(id));
        return merged;
    }

    /** The logical id of the IAM role a SAM function names with {@code Role: !GetAtt X.Arn}. */
    String roleOf(String functionId) {
        Object role = functionProperties(functionId).get("Role");
        if (role instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l && l.size() == 2 && "Arn".equals(l.get(1))) {
            return (String) l.get(0);
        }
        throw new IllegalStateException(functionId + ": Role must be !GetAtt <an AWS::IAM::Role of this template>.Arn, got " + role);
    }

    /** The function's handler class (Handler without the ::method). */
    String handlerClass(String functionId) {
        String handler = (String) functionProperties(functionId).get("Handler");
        int colons = handler.indexOf("::");
        return colons < 0 ? handler : handler.substring(0, colons);
    }

    /** The function's package, from its CodeUri (relative to the repository root). */
    Path codeUri(String functionId) {
        return ROOT.resolve((String) functionProperties(functionId).get("CodeUri"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("expected a mapping, got " + o);
        }
        return (Map<String, Object>) o;
    }
}
