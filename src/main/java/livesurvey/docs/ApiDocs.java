package livesurvey.docs;

import io.javalin.config.JavalinConfig;
import livesurvey.web.ApiRoute;
import livesurvey.web.Json;
import livesurvey.web.Pages;

import java.util.List;

/** /openapi.json and /docs (Swagger UI over it); registered only outside production. */
public final class ApiDocs {
    private ApiDocs() {
    }

    public static void install(JavalinConfig cfg, List<ApiRoute> routes) {
        byte[] document;
        try {
            document = Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(OpenApiDocument.build(routes, Json.MAPPER));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the API document", e);
        }
        cfg.routes.get("/openapi.json", ctx -> ctx.header("Cache-Control", "no-cache")
                .contentType("application/json").result(document));
        cfg.routes.get("/docs", Pages.page("docs.html"));
    }
}
