package livesurvey.survey;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values out of a JSON definition, collecting one problem per JSON path
 * (e.g. {@code steps[1].questions[0].options}) instead of stopping at the first.
 */
final class Problems {
    private final Map<String, String> byPath = new LinkedHashMap<>();

    void add(String path, String message) {
        byPath.putIfAbsent(path.isEmpty() ? "$" : path, message);
    }

    boolean any() {
        return !byPath.isEmpty();
    }

    Map<String, String> byPath() {
        return byPath;
    }

    static String at(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** Properties a definition may carry; derived ones are accepted and ignored. */
    void onlyKnown(JsonNode node, String path, Set<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                add(at(path, name), "unknown property");
            }
        });
    }

    String text(JsonNode node, String name, String path, boolean required, int min, int max) {
        JsonNode v = node.get(name);
        String p = at(path, name);
        if (v == null || v.isNull()) {
            if (required) {
                add(p, "required");
            }
            return required ? null : "";
        }
        if (!v.isTextual()) {
            add(p, "must be a string");
            return null;
        }
        String s = v.textValue().strip();
        int length = s.codePointCount(0, s.length());
        if (length < min) {
            add(p, min == 1 ? "must not be empty" : "at least " + min + " characters");
        } else if (length > max) {
            add(p, "at most " + max + " characters");
        } else if (s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            add(p, "must not contain control characters");
        } else {
            return s;
        }
        return null;
    }

    boolean bool(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            add(at(path, name), "must be true or false");
            return false;
        }
        return v.booleanValue();
    }

    Integer integer(JsonNode node, String name, String path, int min, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            add(at(path, name), "must be a whole number from " + min + " to " + max);
            return null;
        }
        return v.intValue();
    }

    BigDecimal decimal(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        BigDecimal d = null;
        try {
            d = v.isNumber() ? v.decimalValue() : null;
        } catch (NumberFormatException e) {
            // 1e400 is Infinity as a double: not a bound anyone means
        }
        if (d == null || d.abs().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0
                || d.stripTrailingZeros().scale() > 6) {
            add(at(path, name), "must be a number between -10^12 and 10^12, with at most 6 decimals");
            return null;
        }
        return d;
    }

    /** Present and of a type a definition does not allow for this question. */
    void notFor(JsonNode node, String name, String path, String type) {
        JsonNode v = node.get(name);
        if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty())) {
            add(at(path, name), "not allowed for a " + type + " question");
        }
    }
}
