package livesurvey.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.HandlerType;
import livesurvey.web.Access;
import livesurvey.web.ApiError;
import livesurvey.web.ApiRoute;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3.0 document of the route table: every route Javalin serves under /api, nothing else. */
public final class OpenApiDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
    /** Path parameters whose values are numbers; the rest are strings. */
    private static final Map<String, String> PARAM_DOCS = Map.of(
            "slug", "The survey's slug (`default` for the seeded survey)",
            "key", "A question key, e.g. `name`, `email`, `colours`",
            "n", "A step number, from 1",
            "id", "A response id");
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad request: malformed JSON, wrong types or bad parameters"),
            Map.entry(401, "Not logged in as an admin"),
            Map.entry(403, "Refused (a cross-site write)"),
            Map.entry(404, "Not found"),
            Map.entry(409, "Conflict with the current state"),
            Map.entry(413, "Body too large"),
            Map.entry(415, "Not sent as application/json"),
            Map.entry(422, "Answers to fix, one error per field in details"),
            Map.entry(429, "Too many requests; see Retry-After"),
            Map.entry(503, "Database unavailable; retry shortly"));

    private OpenApiDocument() {
    }

    public static ObjectNode build(List<ApiRoute> routes, ObjectMapper mapper) {
        Schemas schemas = new Schemas(mapper);
        ObjectNode doc = F.objectNode().put("openapi", "3.0.3");
        doc.putObject("info").put("title", "LiveSurvey API").put("version", "1")
                .put("description", "Respondent and admin API (SPEC §3). Errors are JSON: "
                        + "{\"error\", \"field\", \"details\"}. Admin calls take the ls_admin session cookie "
                        + "(POST /api/login) or an API token as `Authorization: Bearer <token>`.");
        doc.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = doc.putObject("paths");
        for (ApiRoute route : routes) {
            ObjectNode item = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            item.set(route.method().name().toLowerCase(), operation(route, schemas));
        }
        ObjectNode components = doc.putObject("components");
        ObjectNode schemaNodes = components.putObject("schemas");
        schemas.output(ApiError.class);
        schemas.components().forEach(schemaNodes::set);
        ObjectNode security = components.putObject("securitySchemes");
        security.putObject("adminSession").put("type", "apiKey").put("in", "cookie").put("name", "ls_admin")
                .put("description", "Session cookie set by POST /api/login");
        security.putObject("bearerToken").put("type", "http").put("scheme", "bearer")
                .put("description", "An admin API token");
        security.putObject("respondentCookie").put("type", "apiKey").put("in", "cookie").put("name", "ls_respondent")
                .put("description", "This browser's respondent identity, set by POST …/responses");
        return doc;
    }

    private static ObjectNode operation(ApiRoute route, Schemas schemas) {
        ObjectNode op = F.objectNode();
        op.put("summary", route.summary());
        op.put("operationId", operationId(route));
        op.putArray("tags").add(route.access() == Access.ADMIN ? "admin" : "respondent");
        ArrayNode parameters = F.arrayNode();
        Matcher m = PATH_PARAM.matcher(route.path());
        while (m.find()) {
            String name = m.group(1);
            boolean numeric = name.equals("id") || name.equals("n");
            ObjectNode p = parameters.addObject().put("name", name).put("in", "path").put("required", true);
            p.putObject("schema").put("type", numeric ? "integer" : "string");
            if (PARAM_DOCS.containsKey(name)) {
                p.put("description", PARAM_DOCS.get(name));
            }
        }
        for (ApiRoute.QueryParam q : route.query()) {
            ObjectNode p = parameters.addObject().put("name", q.name()).put("in", "query").put("required", false)
                    .put("description", q.description());
            p.putObject("schema").put("type", q.type());
        }
        if (!parameters.isEmpty()) {
            op.set("parameters", parameters);
        }
        if (route.requestBody() != null) {
            op.putObject("requestBody").put("required", true).putObject("content")
                    .putObject("application/json").set("schema", schemas.input(route.requestBody()));
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(Integer.toString(route.successStatus()))
                .put("description", route.successStatus() == 204 ? "Done, no content" : "Success");
        if (route.successStatus() != 204) {
            ObjectNode media = ok.putObject("content").putObject(route.produces());
            if (route.responseBody() != null) {
                media.set("schema", schemas.output(route.responseBody()));
            } else {
                media.putObject("schema").put("type", "string");
            }
        }
        for (int status : errorStatuses(route)) {
            responses.putObject(Integer.toString(status)).put("description", REASONS.getOrDefault(status, "Error"))
                    .putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/ApiError");
        }
        security(route, op);
        return op;
    }

    /** The errors every route of its kind can answer, plus the route's own. */
    private static TreeSet<Integer> errorStatuses(ApiRoute route) {
        TreeSet<Integer> statuses = new TreeSet<>(route.errors());
        statuses.add(503);
        if (route.path().contains("{")) {
            statuses.add(404);
        }
        boolean writes = route.method() != HandlerType.GET && route.method() != HandlerType.HEAD;
        if (writes) {
            statuses.add(403);
        }
        if (route.requestBody() != null) {
            statuses.addAll(List.of(400, 413, 415));
        }
        if (route.access() == Access.ADMIN) {
            statuses.add(401);
        }
        if (route.rateLimit() != null) {
            statuses.add(429);
        }
        if (!route.query().isEmpty()) {
            statuses.add(400);
        }
        return statuses;
    }

    private static void security(ApiRoute route, ObjectNode op) {
        ArrayNode security = op.putArray("security");
        switch (route.access()) {
            case ADMIN -> {
                security.addObject().putArray("adminSession");
                security.addObject().putArray("bearerToken");
            }
            case RESPONDENT -> {
                security.addObject().putArray("respondentCookie");
                security.addObject(); // starting a response needs no cookie yet
            }
            case PUBLIC -> security.addObject();
        }
    }

    /** e.g. PUT /api/surveys/{slug}/responses/me/answers/{key} → putSurveysResponsesMeAnswers. */
    static String operationId(ApiRoute route) {
        StringBuilder id = new StringBuilder(route.method().name().toLowerCase());
        for (String part : route.path().split("/")) {
            if (part.isEmpty() || part.equals("api") || part.startsWith("{")) {
                continue;
            }
            for (String word : part.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        if (route.path().endsWith("}")) {
            String last = route.path().substring(route.path().lastIndexOf('{') + 1, route.path().length() - 1);
            id.append("By").append(Character.toUpperCase(last.charAt(0))).append(last.substring(1));
        }
        return id.toString();
    }
}
