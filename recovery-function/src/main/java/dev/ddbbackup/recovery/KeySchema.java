package dev.ddbbackup.recovery;

import dev.ddbbackup.core.format.TableDescriptor;
import dev.ddbbackup.core.format.TableDescriptor.AttributeDefinition;
import dev.ddbbackup.core.format.TableDescriptor.KeyElement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A table's primary key: attribute names with their scalar types (S, N or B), hash key first. Extracts
 * keys from items and checks that an item fits the table before anything is written.
 */
public record KeySchema(List<Attribute> attributes) {

    /** One key attribute and its type. */
    public record Attribute(String name, String type, String keyType) {}

    public KeySchema {
        attributes = List.copyOf(attributes);
        if (attributes.isEmpty() || attributes.size() > 2) {
            throw new IllegalArgumentException("a key has one or two attributes, got " + attributes.size());
        }
    }

    /** The key schema a descriptor records. */
    public static KeySchema of(TableDescriptor table) {
        Map<String, String> types = new LinkedHashMap<>();
        for (AttributeDefinition d : table.attributeDefinitions()) {
            types.put(d.attributeName(), d.attributeType());
        }
        Map<String, String> roles = new LinkedHashMap<>();
        for (KeyElement k : table.keySchema()) {
            roles.put(k.attributeName(), k.keyType());
        }
        return of(roles, types);
    }

    /** The key schema of a table as DescribeTable reports it. */
    public static KeySchema of(TableDescription table) {
        Map<String, String> types = new LinkedHashMap<>();
        table.attributeDefinitions().forEach(a -> types.put(a.attributeName(), a.attributeTypeAsString()));
        Map<String, String> roles = new LinkedHashMap<>();
        table.keySchema().forEach(k -> roles.put(k.attributeName(), k.keyTypeAsString()));
        return of(roles, types);
    }

    /** Key attributes (name to HASH or RANGE) with their types from the attribute definitions, hash key first. */
    private static KeySchema of(Map<String, String> roles, Map<String, String> types) {
        return new KeySchema(roles.entrySet().stream()
                .sorted(java.util.Comparator.comparing(k -> "HASH".equals(k.getValue()) ? 0 : 1))
                .map(k -> {
                    String type = types.get(k.getKey());
                    if (type == null) {
                        throw new IllegalArgumentException("key attribute " + k.getKey() + " has no attribute definition");
                    }
                    return new Attribute(k.getKey(), type, k.getValue());
                }).toList());
    }

    /** True when both keys have the same attribute names, types and roles. */
    public boolean sameAs(KeySchema other) {
        return attributes.equals(other.attributes);
    }

    /** The key attributes of an item; call {@link #problem} first when the item may not fit. */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(4);
        for (Attribute a : attributes) {
            key.put(a.name(), item.get(a.name()));
        }
        return key;
    }

    /**
     * The key of an item in a canonical form, for telling whether two items have the same key: numbers
     * compare by value, as DynamoDB compares them ({@code 1}, {@code 1.0} and {@code 1E+0} are one key).
     * Use {@link #keyOf} for requests.
     */
    public Map<String, AttributeValue> identity(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(4);
        for (Attribute a : attributes) {
            AttributeValue v = item.get(a.name());
            if (v != null && v.n() != null) {
                v = AttributeValue.fromN(new java.math.BigDecimal(v.n()).stripTrailingZeros().toString());
            }
            key.put(a.name(), v);
        }
        return key;
    }

    /** Why an item (or a key) cannot be written to a table with this key, or null when it can. Names attributes, never values. */
    public String problem(Map<String, AttributeValue> item) {
        for (Attribute a : attributes) {
            AttributeValue v = item.get(a.name());
            if (v == null) {
                return "key attribute '" + a.name() + "' is missing";
            }
            String actual = v.type() == null ? "unknown" : v.type().name();
            if (!actual.equals(a.type())) {
                return "key attribute '" + a.name() + "' has type " + actual + ", but the table's key needs " + a.type();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Attribute a : attributes) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(a.name()).append(' ').append(a.type()).append(' ').append(a.keyType());
        }
        return b.toString();
    }
}
