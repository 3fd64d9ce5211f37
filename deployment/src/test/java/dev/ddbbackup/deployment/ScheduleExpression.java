package dev.ddbbackup.deployment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge schedule expressions (also AWS Backup's): {@code rate(value unit)} and six-field
 * {@code cron(minutes hours day-of-month month day-of-week year)}, where exactly one of the day fields
 * is {@code ?}. Fields take values, ranges, lists and increments; day-of-month also {@code L} and
 * {@code W}, day-of-week {@code L} and {@code #}.
 */
final class ScheduleExpression {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private record Field(String name, int min, int max, List<String> names) {}

    private static final List<Field> FIELDS = List.of(
            new Field("minutes", 0, 59, List.of()),
            new Field("hours", 0, 23, List.of()),
            new Field("day-of-month", 1, 31, List.of()),
            new Field("month", 1, 12, MONTHS),
            new Field("day-of-week", 1, 7, DAYS),
            new Field("year", 1970, 2199, List.of()));

    private ScheduleExpression() {}

    /** Why the expression is not a valid schedule, or empty. */
    static Optional<String> problem(String expression) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            long value = Long.parseLong(rate.group(1));
            boolean singular = !rate.group(2).endsWith("s");
            if (value == 0) {
                return Optional.of(expression + ": the rate must be positive");
            }
            if (singular != (value == 1)) {
                return Optional.of(expression + ": a rate of 1 takes the singular unit (minute, hour, day), a larger one the plural");
            }
            return Optional.empty();
        }
        Matcher cron = CRON.matcher(expression);
        if (!cron.matches()) {
            return Optional.of(expression + ": expected rate(value unit) or cron(6 fields)");
        }
        String[] fields = cron.group(1).strip().split("\\s+");
        if (fields.length != 6) {
            return Optional.of(expression + ": cron needs 6 fields (minutes hours day-of-month month day-of-week year), got " + fields.length);
        }
        boolean domAny = fields[2].equals("?");
        boolean dowAny = fields[4].equals("?");
        if (domAny == dowAny) {
            return Optional.of(expression + ": exactly one of day-of-month and day-of-week must be '?'");
        }
        for (int i = 0; i < 6; i++) {
            if ((i == 2 && domAny) || (i == 4 && dowAny)) {
                continue;
            }
            Optional<String> p = field(FIELDS.get(i), fields[i]);
            if (p.isPresent()) {
                return Optional.of(expression + ": " + FIELDS.get(i).name() + " '" + fields[i] + "' " + p.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> field(Field f, String text) {
        if (f.name().equals("day-of-month") && (text.equals("L") || text.equals("LW") || text.matches("\\d{1,2}W"))) {
            return text.endsWith("W") && !text.equals("LW") ? value(f, text.substring(0, text.length() - 1)) : Optional.empty();
        }
        if (f.name().equals("day-of-week")) {
            Matcher nth = Pattern.compile("(\\w+)#([1-5])").matcher(text);
            if (nth.matches()) {
                return value(f, nth.group(1));
            }
            if (text.endsWith("L") && text.length() > 1) {
                return value(f, text.substring(0, text.length() - 1));
            }
        }
        for (String item : text.split(",", -1)) {
            String range = item;
            if (item.contains("/")) {
                String[] parts = item.split("/", -1);
                if (parts.length != 2 || !parts[1].matches("\\d+") || Integer.parseInt(parts[1]) == 0) {
                    return Optional.of("has a bad increment '" + item + "'");
                }
                range = parts[0];
            }
            if (range.equals("*")) {
                continue;
            }
            String[] bounds = range.split("-", -1);
            if (bounds.length > 2) {
                return Optional.of("has a bad range '" + range + "'");
            }
            for (String b : bounds) {
                Optional<String> p = value(f, b);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> value(Field f, String v) {
        int named = f.names().indexOf(v.toUpperCase(java.util.Locale.ROOT));
        if (named >= 0) {
            return Optional.empty();
        }
        if (!v.matches("\\d+")) {
            return Optional.of("has '" + v + "', which is not a " + f.name() + " value");
        }
        int n = Integer.parseInt(v);
        if (n < f.min() || n > f.max()) {
            return Optional.of("has " + n + ", outside " + f.min() + "-" + f.max());
        }
        return Optional.empty();
    }

    /** Every schedule of an evaluated template: SAM Schedule events, EventBridge rules and AWS Backup plan rules. */
    static Map<String, String> schedules(Template t, Evaluator e) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String id : t.resources().keySet()) {
            if (!e.exists(id)) {
                continue;
            }
            switch (t.type(id)) {
                case Template.SERVERLESS_FUNCTION -> {
                    Object events = e.properties(id).get("Events");
                    if (events != null) {
                        Template.map(events).forEach((name, ev) -> {
                            Map<String, Object> event = Template.map(ev);
                            if (List.of("Schedule", "ScheduleV2").contains(event.get("Type"))) {
                                Map<String, Object> p = Template.map(event.get("Properties"));
                                out.put(id + ".Events." + name, String.valueOf(p.getOrDefault("Schedule", p.get("ScheduleExpression"))));
                            }
                        });
                    }
                }
                case "AWS::Events::Rule", "AWS::Scheduler::Schedule" -> {
                    Object s = e.properties(id).get("ScheduleExpression");
                    if (s != null) {
                        out.put(id, String.valueOf(s));
                    }
                }
                case "AWS::Backup::BackupPlan" -> {
                    for (Object r : (List<?>) Template.map(e.properties(id).get("BackupPlan")).get("BackupPlanRule")) {
                        Map<String, Object> rule = Template.map(r);
                        if (rule.get("ScheduleExpression") != null) {
                            out.put(id + " rule " + rule.get("RuleName"), String.valueOf(rule.get("ScheduleExpression")));
                        }
                    }
                }
                default -> { }
            }
        }
        return out;
    }
}
