package dev.ddbbackup.deployment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CloudFormation's checks of a parameter value: AllowedValues, AllowedPattern, MinValue/MaxValue, Min/MaxLength. */
final class Parameters {

    private Parameters() {}

    /** Why CloudFormation would refuse {@code value} for the parameter, if it would. */
    static Optional<String> check(String name, Map<String, Object> definition, String value) {
        String type = String.valueOf(definition.get("Type"));
        List<String> values = type.equals("CommaDelimitedList") ? List.of(value.split(",", -1)) : List.of(value);
        for (String v : values) {
            if (definition.get("AllowedValues") instanceof List<?> allowed
                    && allowed.stream().map(String::valueOf).noneMatch(v::equals)) {
                return Optional.of("'" + v + "' is not one of " + allowed);
            }
            if (definition.get("AllowedPattern") instanceof String pattern && !v.matches(pattern)) {
                return Optional.of("'" + v + "' does not match " + pattern);
            }
            if (type.equals("Number")) {
                BigDecimal n;
                try {
                    n = new BigDecimal(v);
                } catch (NumberFormatException e) {
                    return Optional.of("'" + v + "' is not a number");
                }
                if (definition.get("MinValue") != null && n.compareTo(new BigDecimal(String.valueOf(definition.get("MinValue")))) < 0) {
                    return Optional.of(v + " is below MinValue " + definition.get("MinValue"));
                }
                if (definition.get("MaxValue") != null && n.compareTo(new BigDecimal(String.valueOf(definition.get("MaxValue")))) > 0) {
                    return Optional.of(v + " is above MaxValue " + definition.get("MaxValue"));
                }
            }
        }
        return Optional.empty();
    }
}
