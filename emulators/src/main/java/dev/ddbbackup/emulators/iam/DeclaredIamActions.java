package dev.ddbbackup.emulators.iam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM actions a Lambda handler's code needs, as its module declares them in the resource
 * {@code <HandlerSimpleName>-iam-actions.txt} next to the handler class; the template must grant
 * exactly these, and the integration tests check the code calls nothing else.
 *
 * <p>One action a line; {@code #} starts a comment. A bare action is an operation the code calls and
 * the integration tests exercise. {@code unexercised: why} marks an operation the code calls on a path
 * no integration test reaches; {@code implied: why} marks an action AWS checks on the function's behalf
 * although the code never calls it (KMS for encrypted objects and topics, {@code iam:PassRole}, the
 * item writes of a point-in-time restore). Both need the reason.
 *
 * @param source  where the list was read from, for messages
 * @param entries by action, in file order
 */
public record DeclaredIamActions(String source, Map<String, Entry> entries) {

    /** How the integration tests relate to a declared action. */
    public enum Kind { CALLED, UNEXERCISED, IMPLIED }

    /** One declared action. */
    public record Entry(String action, Kind kind, String reason) {}

    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");
    private static final Pattern LINE = Pattern.compile("(\\S+)(?:\\s+(unexercised|implied):\\s*(.*))?");

    public DeclaredIamActions {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The list shipped with {@code handler}. */
    public static DeclaredIamActions of(Class<?> handler) {
        String name = resourceName(handler.getName());
        try (InputStream in = handler.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing: declare the IAM actions of " + handler.getName()
                        + " in src/main/resources/" + name);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    /** The class-path resource name of a handler's list, for example {@code dev/ddbbackup/backup/BackupHandler-iam-actions.txt}. */
    public static String resourceName(String handlerClassName) {
        return handlerClassName.replace('.', '/') + "-iam-actions.txt";
    }

    /**
     * Parses a list.
     *
     * @throws IllegalArgumentException naming the line, for a malformed action, a tag without a reason or a repeated action
     */
    public static DeclaredIamActions parse(String source, String text) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int hash = lines[i].indexOf('#');
            String line = (hash >= 0 ? lines[i].substring(0, hash) : lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            Matcher m = LINE.matcher(line);
            if (!m.matches() || !ACTION.matcher(m.group(1)).matches()) {
                throw new IllegalArgumentException(where + ": expected 'service:Action' optionally followed by"
                        + " 'unexercised: why' or 'implied: why', got '" + line + "'");
            }
            Kind kind = m.group(2) == null ? Kind.CALLED : Kind.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT));
            String reason = m.group(3) == null ? "" : m.group(3).strip();
            if (kind != Kind.CALLED && reason.isEmpty()) {
                throw new IllegalArgumentException(where + ": '" + m.group(2) + ":' needs the reason after it");
            }
            if (entries.put(m.group(1), new Entry(m.group(1), kind, reason)) != null) {
                throw new IllegalArgumentException(where + ": " + m.group(1) + " is declared twice");
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(source + ": declares no action");
        }
        return new DeclaredIamActions(source, entries);
    }

    /** Every declared action: what the function's role must grant. */
    public Set<String> actions() {
        return new TreeSet<>(entries.keySet());
    }

    /**
     * What is wrong with recorded SDK operations against this list: an operation whose IAM action is not
     * declared, or one whose action is declared {@code implied} although the code calls it. Empty when
     * the recording fits.
     */
    public List<String> problemsWithCalls(Collection<String> operations) {
        List<String> problems = new ArrayList<>();
        for (String op : new TreeSet<>(operations)) {
            for (String action : IamActionMap.actionsFor(op)) {
                Entry e = entries.get(action);
                if (e == null) {
                    problems.add(op + " needs " + action + ", which " + source + " does not declare");
                } else if (e.kind() == Kind.IMPLIED) {
                    problems.add(op + " was called, but " + source + " says " + action + " is only implied ("
                            + e.reason() + "); drop the 'implied:' tag");
                }
            }
        }
        return problems;
    }

    /**
     * What is wrong with a complete recording (every integration test of the module) against this list:
     * an action declared as called that no test reached, or one declared {@code unexercised} that a test
     * did reach. Empty when the list and the recording agree.
     */
    public List<String> coverageProblems(Collection<String> recordedActions) {
        List<String> problems = new ArrayList<>();
        for (Entry e : entries.values()) {
            boolean recorded = recordedActions.contains(e.action());
            if (e.kind() == Kind.CALLED && !recorded) {
                problems.add(e.action() + " is declared in " + source + " as called, but no integration test called it;"
                        + " add a test that does, or tag it 'unexercised: why'");
            } else if (e.kind() == Kind.UNEXERCISED && recorded) {
                problems.add(e.action() + " is tagged unexercised in " + source + " (" + e.reason()
                        + "), but an integration test called it; drop the tag");
            }
        }
        return problems;
    }
}
