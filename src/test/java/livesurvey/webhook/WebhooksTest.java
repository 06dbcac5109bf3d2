package livesurvey.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.Response;
import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static livesurvey.TestJson.parse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhooksTest extends DatabaseTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HOOKS = "/api/surveys/default/webhooks";

    @Test
    void each_completion_arrives_once_signed_across_a_restart_and_a_receiver_failing_for_a_while() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(500);
            String secret;
            long hook;
            Set<Long> completed = new HashSet<>();
            try (Instance first = new Instance(db.config().withWebhooks(Instance.FAST))) {
                JsonNode created = register(first.admin(), receiver.url(), List.of("response.completed"));
                secret = created.get("secret").asText();
                hook = created.get("id").asLong();
                for (int i = 0; i < 3; i++) {
                    completed.add(complete(first));
                }
                // Every completion has been tried and refused at least once before the restart.
                await().atMost(WAIT).until(() -> receiver.all().stream().map(r -> r.json().get("response").get("id")
                        .asLong()).collect(Collectors.toSet()).containsAll(completed));
            }
            receiver.answer(200);
            try (Instance second = new Instance(db.config().withWebhooks(Instance.FAST))) {
                for (int i = 0; i < 2; i++) {
                    completed.add(complete(second));
                }
                Admin admin = second.admin();
                await().atMost(WAIT).until(() -> statuses(admin, hook).equals(Map.of("delivered", 5L)));
                List<Receiver.Received> accepted = receiver.accepted();
                assertEquals(5, accepted.size(), "one acknowledged delivery per completion");
                assertEquals(completed, accepted.stream().map(r -> r.json().get("response").get("id").asLong())
                        .collect(Collectors.toSet()));
                assertEquals(5, accepted.stream().map(r -> r.json().get("id").asText()).distinct().count());
                for (Receiver.Received r : receiver.all()) {
                    assertTrue(r.signedWith(secret), "valid signature on " + r.body());
                    assertFalse(r.signedWith(secret + "x"));
                }
                JsonNode event = accepted.get(0).json();
                assertEquals("response.completed", event.get("type").asText());
                assertEquals("default", event.get("survey").get("slug").asText());
                assertTrue(event.get("response").get("completed").asBoolean());
                assertTrue(event.get("response").get("answers").get("email").asText().endsWith("@example.com"));
                JsonNode log = parse(admin.get(HOOKS + "/" + hook + "/deliveries"));
                assertTrue(log.findValues("attempts").stream().anyMatch(a -> a.asInt() > 1), log.toString());
                assertTrue(log.findValues("lastStatusCode").stream().allMatch(c -> c.asInt() == 200), log.toString());
            }
        }
    }

    @Test
    void two_instances_on_one_database_deliver_each_event_once() throws Exception {
        try (Receiver receiver = new Receiver();
             Instance a = new Instance(db.config().withWebhooks(Instance.FAST));
             Instance b = new Instance(db.config().withWebhooks(Instance.FAST))) {
            Admin admin = a.admin();
            long hook = register(admin, receiver.url(), List.of("response.completed", "response.deleted"))
                    .get("id").asLong();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add(complete(i % 2 == 0 ? a : b));
            }
            await().atMost(WAIT).until(() -> statuses(admin, hook).equals(Map.of("delivered", 12L)));
            assertEquals(204, b.admin().delete(ids.get(0)).code());
            // Deleting a response takes its earlier deliveries out of the log: 11 completions and the deletion.
            await().atMost(WAIT).until(() -> statuses(admin, hook).equals(Map.of("delivered", 12L))
                    && receiver.all().size() == 13);
            List<Receiver.Received> all = receiver.all();
            assertEquals(13, all.size(), "each event exactly once");
            assertEquals(13, all.stream().map(r -> r.json().get("id").asText()).distinct().count());
            JsonNode deleted = all.stream().map(Receiver.Received::json)
                    .filter(j -> j.get("type").asText().equals("response.deleted")).findFirst().orElseThrow();
            assertEquals(ids.get(0), deleted.get("response").get("id").asLong());
        }
    }

    @Test
    void partial_responses_are_reported_once_per_step_not_per_keystroke() throws Exception {
        try (Receiver receiver = new Receiver(); Instance server = new Instance(db.config().withWebhooks(Instance.FAST))) {
            Admin admin = server.admin();
            long hook = register(admin, receiver.url(), List.of("response.updated", "response.completed")).get("id").asLong();
            long id = complete(server);
            await().atMost(WAIT).until(() -> statuses(admin, hook).equals(Map.of("delivered", 4L)));
            List<JsonNode> events = receiver.accepted().stream().map(Receiver.Received::json)
                    .filter(e -> e.get("response").get("id").asLong() == id).toList();
            assertEquals(List.of("response.completed:4", "response.updated:2", "response.updated:3", "response.updated:4"),
                    events.stream().map(e -> e.get("type").asText() + ":" + e.get("response").get("currentStep").asInt())
                            .sorted().toList());
            JsonNode second = events.stream().filter(e -> e.get("response").get("currentStep").asInt() == 2
                    && e.get("type").asText().equals("response.updated")).findFirst().orElseThrow();
            assertEquals("Ann", second.get("response").get("answers").get("name").asText());
            assertFalse(second.get("response").get("answers").has("age"), "only what was answered by then");
        }
    }

    @Test
    void private_loopback_and_link_local_addresses_are_refused() throws Exception {
        try (Instance server = new Instance(db.config())) {
            Admin admin = server.admin();
            for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/",
                    "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
                    "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://0.0.0.0/",
                    "http://100.64.0.1/", "ftp://example.com/", "not a url", "http://user:pw@example.com/")) {
                Response r = admin.send("POST", HOOKS, json(Map.of("url", url, "events", List.of("response.completed"))));
                assertEquals(422, r.code(), url + ": " + r.body().string());
                assertEquals("url", parse(r).get("field").asText(), url);
            }
            assertEquals("[]", parse(admin.get(HOOKS)).toString());
        }
    }

    @Test
    void private_addresses_are_allowed_only_when_the_environment_says_so() {
        assertFalse(livesurvey.Config.fromEnv(Map.of()).webhooks().allowPrivate());
        assertTrue(livesurvey.Config.fromEnv(Map.of("LIVESURVEY_WEBHOOKS_ALLOW_PRIVATE", "true")).webhooks().allowPrivate());
        var e = org.junit.jupiter.api.Assertions.assertThrows(livesurvey.StartupException.class,
                () -> livesurvey.Config.fromEnv(Map.of("LIVESURVEY_WEBHOOKS_ALLOW_PRIVATE", "yes")));
        assertTrue(e.getMessage().contains("LIVESURVEY_WEBHOOKS_ALLOW_PRIVATE"), e.getMessage());
    }

    @Test
    void endpoints_are_registered_listed_changed_tested_and_deleted() throws Exception {
        try (Receiver receiver = new Receiver(); Instance server = new Instance(db.config().withWebhooks(Instance.FAST))) {
            assertEquals(401, new Admin(server.client).get(HOOKS).code());
            Admin admin = server.admin();
            assertEquals(422, admin.send("POST", HOOKS, json(Map.of("url", receiver.url(), "events", List.of("nope"))))
                    .code());
            JsonNode created = register(admin, receiver.url(), List.of("response.completed"));
            String secret = created.get("secret").asText();
            assertTrue(secret.startsWith("whsec_") && secret.length() > 40, secret);
            long id = created.get("id").asLong();
            JsonNode listed = parse(admin.get(HOOKS));
            assertEquals(1, listed.size());
            assertFalse(listed.get(0).has("secret"), "the secret is shown only once");
            JsonNode changed = parse(admin.send("PATCH", HOOKS + "/" + id,
                    json(Map.of("events", List.of("response.deleted", "response.completed")))));
            assertEquals("[\"response.completed\",\"response.deleted\"]", changed.get("events").toString());

            Response test = admin.send("POST", HOOKS + "/" + id + "/test", null);
            assertEquals(202, test.code(), test.body().string());
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
            Receiver.Received ping = receiver.accepted().get(0);
            assertEquals("webhook.test", ping.json().get("type").asText());
            assertTrue(ping.signedWith(secret));

            assertTrue(parse(admin.get("/openapi.json")).get("paths").has("/api/surveys/{slug}/webhooks/{id}/deliveries"));
            assertEquals(204, admin.send("DELETE", HOOKS + "/" + id, null).code());
            assertEquals("[]", parse(admin.get(HOOKS)).toString());
            assertEquals(404, admin.get(HOOKS + "/" + id + "/deliveries").code());
        }
    }

    @Test
    void bad_bodies_get_a_clear_error_and_change_nothing() throws Exception {
        try (Receiver receiver = new Receiver(); Instance server = new Instance(db.config().withWebhooks(Instance.FAST))) {
            Admin admin = server.admin();
            Map<String, Integer> bodies = Map.of(
                    "{\"url\":", 400,
                    "[]", 400,
                    "{}", 422,
                    "{\"url\": 42}", 422,
                    "{\"url\": \"" + receiver.url() + "\", \"events\": \"response.completed\"}", 422,
                    "{\"url\": \"" + receiver.url() + "\", \"events\": []}", 422,
                    "{\"url\": \"" + receiver.url() + "\", \"events\": [\"response.completed\"], \"enabled\": \"yes\"}", 422,
                    "{\"url\": \"http://" + "a".repeat(2000) + ".example/\"}", 422);
            bodies.forEach((body, status) -> {
                Response r = admin.send("POST", HOOKS, body);
                assertEquals(status, r.code(), body + ": " + r.body().string());
                assertTrue(parse(r).get("error").asText().length() > 5, body);
            });
            assertEquals("[]", parse(admin.get(HOOKS)).toString());
            long id = register(admin, receiver.url(), List.of("response.completed")).get("id").asLong();
            assertEquals(422, admin.send("PATCH", HOOKS + "/" + id, "{\"events\": [\"nope\"]}").code());
            assertEquals(422, admin.send("PATCH", HOOKS + "/" + id, "{\"url\": \"gopher://example.com/\"}").code());
            assertEquals(404, admin.send("PATCH", HOOKS + "/" + (id + 1000), "{\"enabled\": false}").code());
            assertEquals(404, admin.get(HOOKS + "/abc").code());
            assertEquals("[\"response.completed\"]", parse(admin.get(HOOKS + "/" + id)).get("events").toString());
        }
    }

    @Test
    void an_endpoint_that_keeps_failing_is_disabled_and_says_why() throws Exception {
        // Gives up after 3 s: long enough for a retry or two on a busy machine, short for a test.
        WebhookSettings giveUpSoon = new WebhookSettings(true, Duration.ofMillis(100), Duration.ofMillis(300),
                Duration.ofSeconds(3), Duration.ofSeconds(5));
        try (Receiver receiver = new Receiver(); Instance server = new Instance(db.config().withWebhooks(giveUpSoon))) {
            receiver.answer(500);
            Admin admin = server.admin();
            long id = register(admin, receiver.url(), List.of("response.completed")).get("id").asLong();
            complete(server);
            await().atMost(WAIT).until(() -> !parse(admin.get(HOOKS + "/" + id)).get("enabled").asBoolean());
            JsonNode endpoint = parse(admin.get(HOOKS + "/" + id));
            assertTrue(endpoint.get("disabledReason").asText().contains("HTTP 500"), endpoint.toString());
            JsonNode log = parse(admin.get(HOOKS + "/" + id + "/deliveries"));
            assertEquals("failed", log.get(0).get("status").asText());
            assertEquals(500, log.get(0).get("lastStatusCode").asInt());
            assertTrue(log.get(0).get("attempts").asInt() > 1, log.toString());

            // Fixed on the receiver's side: enabling it again makes it receive new events.
            receiver.answer(200);
            assertTrue(parse(admin.send("PATCH", HOOKS + "/" + id, json(Map.of("enabled", true)))).get("enabled")
                    .asBoolean());
            complete(server);
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        }
    }

    /** Each test starts with no endpoints: whatever an earlier test registered is deleted through the API. */
    @BeforeEach
    void noEndpoints() {
        try (Instance server = new Instance(db.config())) {
            Admin admin = server.admin();
            parse(admin.get(HOOKS)).forEach(e -> assertEquals(204,
                    admin.send("DELETE", HOOKS + "/" + e.get("id").asLong(), null).code()));
        }
    }

    private static JsonNode register(Admin admin, String url, List<String> events) {
        Response r = admin.send("POST", HOOKS, json(Map.of("url", url, "events", events)));
        assertEquals(201, r.code(), r.body().string());
        return parse(r);
    }

    /** A respondent completes the survey on this instance; the response's id. */
    private static long complete(Instance server) {
        String email = UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode done = new Respondent(server.client).completeWith("Ann", email, "34", "female", List.of("red"));
        assertTrue(done.get("completed").asBoolean(), done.toString());
        return done.get("id").asLong();
    }

    /** How many deliveries of the endpoint are in each status. */
    private static Map<String, Long> statuses(Admin admin, long hook) {
        return parse(admin.get(HOOKS + "/" + hook + "/deliveries")).findValues("status").stream()
                .collect(Collectors.groupingBy(JsonNode::asText, Collectors.counting()));
    }

    private static String json(Object value) {
        try {
            return livesurvey.web.Json.MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
