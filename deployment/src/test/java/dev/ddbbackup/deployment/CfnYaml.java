package dev.ddbbackup.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM YAML template into plain maps and lists, turning the short-form tags into
 * their long form ({@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub s} becomes {@code {"Fn::Sub": s}}, ...), so the checks
 * see one shape whichever form the template uses. Maps keep their order and are mutable (tests edit
 * copies).
 */
final class CfnYaml {

    private static final List<String> FUNCTIONS = List.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "If",
            "ImportValue", "Join", "Not", "Or", "Select", "Split", "Sub", "Transform", "Length", "ToJsonString");

    private CfnYaml() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String text) {
        Object root = new Yaml(new CfnConstructor(new LoaderOptions())).load(text);
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("a template is a YAML mapping");
        }
        return (Map<String, Object>) mutable(root);
    }

    /** A deep, mutable copy of what {@link #load} returns. */
    @SuppressWarnings("unchecked")
    static Object mutable(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), mutable(v)));
            return copy;
        }
        if (node instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(mutable(v)));
            return copy;
        }
        return node;
    }

    private static final class CfnConstructor extends SafeConstructor {

        CfnConstructor(LoaderOptions options) {
            super(options);
            for (String f : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + f), new Intrinsic("Fn::" + f));
            }
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
        }

        private Object content(Node node) {
            if (node instanceof ScalarNode s) {
                return constructScalar(s);
            }
            if (node instanceof SequenceNode q) {
                return constructSequence(q);
            }
            return constructMapping((MappingNode) node);
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(name, content(node));
                return m;
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object v = content(node);
                if (v instanceof String s) {
                    int dot = s.indexOf('.');
                    v = dot < 0 ? List.of(s) : List.of(s.substring(0, dot), s.substring(dot + 1));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Fn::GetAtt", v);
                return m;
            }
        }
    }
}
