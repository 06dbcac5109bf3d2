package livesurvey.docs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Schemas (OpenAPI 3.0 dialect) for Java types, derived from Jackson's own view of them — the
 * properties it would read or write, with @JsonIgnore, @JsonProperty and @JsonInclude honoured — so
 * the document describes exactly what goes over the wire. Records become named components.
 */
final class Schemas {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ObjectMapper mapper;
    private final Map<String, ObjectNode> components = new TreeMap<>();
    private final Map<String, JavaType> named = new TreeMap<>();

    Schemas(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Map<String, ObjectNode> components() {
        return components;
    }

    /** A schema for a reply body (serialisation view). */
    ObjectNode output(Type type) {
        return schema(mapper.getTypeFactory().constructType(type), true);
    }

    /** A schema for a request body (deserialisation view). */
    ObjectNode input(Type type) {
        return schema(mapper.getTypeFactory().constructType(type), false);
    }

    private ObjectNode schema(JavaType type, boolean output) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == char.class || raw == Character.class) {
            return simple("string", null);
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class
                || raw == byte.class || raw == Byte.class) {
            return simple("integer", "int32");
        }
        if (raw == long.class || raw == Long.class || raw == BigInteger.class) {
            return simple("integer", "int64");
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == BigDecimal.class) {
            return simple("number", raw == float.class || raw == Float.class ? "float" : "double");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return simple("boolean", null);
        }
        if (raw == Instant.class) {
            return simple("string", "date-time");
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return F.objectNode(); // any JSON value
        }
        if (raw.isEnum()) {
            ObjectNode s = simple("string", null);
            ArrayNode values = s.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(mapper.convertValue(constant, String.class));
            }
            return s;
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            ObjectNode s = simple("array", null);
            s.set("items", schema(type.getContentType(), output));
            return s;
        }
        if (type.isMapLikeType()) {
            ObjectNode s = simple("object", null);
            s.set("additionalProperties", schema(type.getContentType(), output));
            return s;
        }
        return reference(type, output);
    }

    private ObjectNode reference(JavaType type, boolean output) {
        String name = nameOf(type);
        if (!named.containsKey(name)) {
            named.put(name, type);
            components.put(name, F.objectNode()); // placeholder: recursion stops here
            components.put(name, object(type, output));
        }
        return F.objectNode().put("$ref", "#/components/schemas/" + name);
    }

    private ObjectNode object(JavaType type, boolean output) {
        BeanDescription bean = output ? mapper.getSerializationConfig().introspect(type)
                : mapper.getDeserializationConfig().introspect(type);
        ObjectNode s = simple("object", null);
        ObjectNode properties = s.putObject("properties");
        ArrayNode required = F.arrayNode();
        JsonInclude.Value include = bean.findPropertyInclusion(JsonInclude.Value.empty());
        boolean omitsNulls = include.getValueInclusion() == JsonInclude.Include.NON_NULL
                || include.getValueInclusion() == JsonInclude.Include.NON_EMPTY;
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (output ? !p.couldSerialize() : !p.couldDeserialize()) {
                continue;
            }
            JavaType propertyType = p.getPrimaryType();
            ObjectNode ps = schema(propertyType, output);
            boolean primitive = propertyType.isPrimitive();
            if (!primitive && !omitsNulls) {
                ps = nullable(ps);
            }
            JsonPropertyDescription description = p.getPrimaryMember() == null ? null
                    : p.getPrimaryMember().getAnnotation(JsonPropertyDescription.class);
            if (description != null) {
                ps = describe(ps, description.value());
            }
            properties.set(p.getName(), ps);
            if (primitive || (output && !omitsNulls)) {
                required.add(p.getName());
            }
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        s.put("additionalProperties", false);
        return s;
    }

    /** OpenAPI 3.0 cannot put "nullable" beside a $ref; wrap it. */
    private static ObjectNode nullable(ObjectNode s) {
        if (s.has("$ref")) {
            ObjectNode wrapped = F.objectNode();
            wrapped.putArray("allOf").add(s);
            wrapped.put("nullable", true);
            return wrapped;
        }
        return s.isEmpty() ? s : s.put("nullable", true);
    }

    private static ObjectNode describe(ObjectNode s, String description) {
        if (s.has("$ref")) {
            ObjectNode wrapped = F.objectNode();
            wrapped.putArray("allOf").add(s);
            s = wrapped;
        }
        return s.put("description", description);
    }

    /** Simple class name; generic records get their arguments appended; a clash with another type gets its package prefix. */
    private String nameOf(JavaType type) {
        StringBuilder name = new StringBuilder(type.getRawClass().getSimpleName());
        for (int i = 0; i < type.containedTypeCount(); i++) {
            name.append('_').append(nameOf(type.containedType(i)));
        }
        JavaType existing = named.get(name.toString());
        if (existing != null && !existing.equals(type)) {
            String pkg = type.getRawClass().getPackageName();
            return pkg.substring(pkg.lastIndexOf('.') + 1) + "." + name;
        }
        return name.toString();
    }

    private static ObjectNode simple(String type, String format) {
        ObjectNode s = F.objectNode().put("type", type);
        if (format != null) {
            s.put("format", format);
        }
        return s;
    }
}
