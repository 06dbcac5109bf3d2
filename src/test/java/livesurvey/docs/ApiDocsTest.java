package livesurvey.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestConfig;
import livesurvey.App;
import livesurvey.DatabaseTest;
import livesurvey.Config;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiDocsTest extends DatabaseTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    @Test
    void every_route_the_server_registers_under_api_is_in_the_document() {
        db.test((server, client) -> {
            JsonNode paths = parse(client.get("/openapi.json")).get("paths");
            Set<String> registered = new TreeSet<>();
            server.unsafe.internalRouter.allHttpHandlers().forEach(p -> {
                String path = p.endpoint.path;
                if (path.startsWith("/api/") || path.equals("/api")) {
                    registered.add(p.endpoint.method.name().toLowerCase() + " " + path);
                }
            });
            Set<String> documented = new TreeSet<>();
            paths.fields().forEachRemaining(e -> e.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    documented.add(m + " " + e.getKey());
                }
            }));
            assertFalse(registered.isEmpty());
            Set<String> missing = new TreeSet<>(registered);
            missing.removeAll(documented);
            assertEquals(Set.of(), missing, "registered but not documented");
            Set<String> phantom = new TreeSet<>(documented);
            phantom.removeAll(registered);
            assertEquals(Set.of(), phantom, "documented but not served");
        });
    }

    @Test
    void the_document_is_structurally_valid_openapi_3() {
        db.test((server, client) -> {
            var r = client.get("/openapi.json");
            assertEquals(200, r.code());
            JsonNode doc = parse(r);
            assertTrue(doc.get("openapi").asText().startsWith("3.0."), doc.get("openapi").asText());
            assertTrue(doc.at("/info/title").isTextual() && doc.at("/info/version").isTextual());
            List<String> problems = new ArrayList<>();
            checkRefs(doc, doc, "#", problems);
            Set<String> operationIds = new HashSet<>();
            doc.get("paths").fields().forEachRemaining(e -> {
                String path = e.getKey();
                e.getValue().fields().forEachRemaining(op -> {
                    if (!METHODS.contains(op.getKey())) {
                        problems.add(path + ": unknown key " + op.getKey());
                        return;
                    }
                    checkOperation(path, op.getKey(), op.getValue(), doc, operationIds, problems);
                });
            });
            assertEquals(List.of(), problems);
        });
    }

    private static void checkOperation(String path, String method, JsonNode op, JsonNode doc, Set<String> ids,
                                       List<String> problems) {
        String where = method.toUpperCase() + " " + path;
        if (!ids.add(op.path("operationId").asText())) {
            problems.add(where + ": duplicate or missing operationId");
        }
        Set<String> templated = new TreeSet<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            templated.add(m.group(1));
        }
        Set<String> declared = new TreeSet<>();
        for (JsonNode p : op.path("parameters")) {
            if (!p.path("schema").isObject()) {
                problems.add(where + ": parameter " + p.path("name").asText() + " has no schema");
            }
            if (p.path("in").asText().equals("path")) {
                if (!p.path("required").asBoolean()) {
                    problems.add(where + ": path parameter " + p.path("name").asText() + " must be required");
                }
                declared.add(p.path("name").asText());
            }
        }
        if (!templated.equals(declared)) {
            problems.add(where + ": path parameters " + templated + " but declared " + declared);
        }
        JsonNode responses = op.path("responses");
        if (!responses.isObject() || responses.isEmpty()) {
            problems.add(where + ": no responses");
        }
        responses.fields().forEachRemaining(r -> {
            if (!r.getKey().matches("[1-5][0-9][0-9]|default")) {
                problems.add(where + ": bad status " + r.getKey());
            }
            if (!r.getValue().path("description").isTextual()) {
                problems.add(where + " " + r.getKey() + ": responses need a description");
            }
        });
        for (JsonNode requirement : op.path("security")) {
            requirement.fieldNames().forEachRemaining(name -> {
                if (doc.at("/components/securitySchemes/" + name).isMissingNode()) {
                    problems.add(where + ": unknown security scheme " + name);
                }
            });
        }
    }

    private static void checkRefs(JsonNode node, JsonNode doc, String at, List<String> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                String target = ref.asText();
                if (!target.startsWith("#/") || doc.at(target.substring(1)).isMissingNode()) {
                    problems.add(at + ": $ref " + target + " does not resolve");
                }
                if (node.size() > 1) {
                    problems.add(at + ": siblings beside $ref are ignored in OpenAPI 3.0");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                checkRefs(e.getValue(), doc, at + "/" + e.getKey(), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkRefs(node.get(i), doc, at + "/" + i, problems);
            }
        }
    }

    @Test
    void schemas_follow_the_jackson_view_of_the_types() {
        db.test((server, client) -> {
            JsonNode doc = parse(client.get("/openapi.json"));
            JsonNode question = doc.at("/components/schemas/Question/properties");
            assertTrue(question.has("type"), "@JsonProperty(\"type\") renames kind: " + question);
            assertFalse(question.has("kind"));
            assertFalse(question.has("id"), "@JsonIgnore hides the database id");
            assertFalse(question.has("position"));
            assertEquals("checkbox", question.at("/type/enum/5").asText());
            assertEquals("#/components/schemas/Option", question.at("/options/items/$ref").asText());
            JsonNode state = doc.at("/components/schemas/RespondentState/properties");
            assertEquals("date-time", state.at("/startedAt/format").asText());
            assertEquals("#/components/schemas/AnswerState", state.at("/answers/additionalProperties/$ref").asText());
            JsonNode put = doc.at("/paths/~1api~1surveys~1{slug}~1responses~1me~1answers~1{key}/put");
            assertEquals("#/components/schemas/AnswerBody",
                    put.at("/requestBody/content/application~1json/schema/$ref").asText());
            assertTrue(put.at("/responses/429").isObject(), "answers are rate limited");
            assertEquals("#/components/schemas/AnswerResult",
                    put.at("/responses/200/content/application~1json/schema/$ref").asText());
        });
    }

    @Test
    void production_serves_neither_the_document_nor_the_docs_page() {
        Config base = db.config();
        Config production = new Config(0, base.databaseUrl(), base.databaseUser(), base.databasePassword(), true,
                base.adminPassword());
        try (App app = new App(production, db.database())) {
            JavalinTest.test(app.javalin(), new TestConfig(false, false, HttpClient.newHttpClient(), Map.of()),
                    (server, client) -> {
                        assertEquals(404, client.get("/openapi.json").code());
                        assertEquals(404, client.get("/docs").code());
                        assertEquals(200, client.get("/api/surveys/default").code(), "the API itself still serves");
                        assertTrue(client.get("/").headers().get("Strict-Transport-Security") != null, "HSTS in production");
                    });
        }
    }
}
