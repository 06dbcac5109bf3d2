package livesurvey;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.Response;
import livesurvey.web.Json;

/** Reading JSON replies in tests. */
public final class TestJson {
    private TestJson() {
    }

    public static JsonNode parse(Response response) {
        try {
            return Json.MAPPER.readTree(response.body().string());
        } catch (Exception e) {
            throw new AssertionError("Not JSON (status " + response.code() + "): " + response.body().string(), e);
        }
    }
}
