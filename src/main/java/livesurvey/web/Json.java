package livesurvey.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The one ObjectMapper, and strict reading of JSON request bodies. */
public final class Json {
    public static final ObjectMapper MAPPER = createMapper();

    private Json() {
    }

    private static ObjectMapper createMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(1_000_000).build());
        return mapper;
    }

    /** The request body as a JSON object, or a 415/400 that says what is wrong with it. */
    public static JsonNode objectBody(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new ApiException(415, "Send the body as JSON with Content-Type: application/json");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(strictUtf8(ctx.bodyAsBytes()));
        } catch (IOException e) {
            throw new ApiException(400, "Malformed JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, "The body must be a JSON object");
        }
        return node;
    }

    /**
     * JSON on the wire is UTF-8 (RFC 8259). Jackson would guess UTF-16/32 from the first bytes and
     * let overlong forms through (0xC0 0xAF as "/"); Java's decoder refuses both.
     */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "The body is not valid UTF-8");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 160 ? line.substring(0, 160) : line;
    }
}
