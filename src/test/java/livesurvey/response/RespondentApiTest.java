package livesurvey.response;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.Response;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.Backend;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RespondentApiTest extends DatabaseTest {
    @Test
    void start_issues_an_http_only_lax_cookie_and_an_empty_response() {
        db.test((server, client) -> {
            Response r = new Respondent(client).start();
            assertEquals(201, r.code());
            String cookie = r.headers().get("Set-Cookie").get(0);
            assertTrue(cookie.startsWith("ls_respondent="), cookie);
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.contains("SameSite=Lax"), cookie);
            assertTrue(cookie.contains("Path=/api/surveys/default"), cookie);
            assertFalse(cookie.contains("Secure"), "no Secure outside production: " + cookie);
            JsonNode state = parse(r);
            assertEquals(1, state.get("currentStep").asInt());
            assertEquals(4, state.get("stepCount").asInt());
            assertFalse(state.get("completed").asBoolean());
            assertEquals(0, state.get("answers").size());
        });
    }

    @Test
    void starting_again_with_the_cookie_resumes_the_same_response() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            long id = parse(ann.start()).get("id").asLong();
            ann.answer("name", "Ann");
            Response again = ann.start();
            assertEquals(200, again.code());
            assertEquals(id, parse(again).get("id").asLong());
            assertEquals("Ann", parse(again).at("/answers/name/value").asText());
        });
    }

    @Test
    void a_forged_or_missing_cookie_reaches_no_response() {
        db.test((server, client) -> {
            var nobody = new Respondent(client);
            assertEquals(404, nobody.state().code());
            assertEquals(404, nobody.answer("name", "x").code());
            nobody.useCookie("ls_respondent=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            Response r = nobody.state();
            assertEquals(404, r.code());
            assertNotNull(parse(r).get("error"));
            assertEquals(404, nobody.step(1).code());
            assertEquals(404, nobody.complete().code());
        });
    }

    @Test
    void a_forged_cookie_on_start_gets_a_fresh_response_not_the_forged_identity() {
        db.test((server, client) -> {
            var mallory = new Respondent(client);
            mallory.useCookie("ls_respondent=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            Response r = mallory.start();
            assertEquals(201, r.code());
            assertNotEquals("ls_respondent=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", mallory.cookie());
        });
    }

    @Test
    void each_respondent_sees_and_changes_only_their_own_answers() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            var bob = new Respondent(client);
            long annId = parse(ann.start()).get("id").asLong();
            long bobId = parse(bob.start()).get("id").asLong();
            assertNotEquals(annId, bobId);
            ann.answer("name", "Ann");
            bob.answer("name", "Bob");
            assertEquals("Ann", parse(ann.state()).at("/answers/name/value").asText());
            assertEquals("Bob", parse(bob.state()).at("/answers/name/value").asText());
            bob.reset();
            assertEquals("Ann", parse(ann.state()).at("/answers/name/value").asText());
        });
    }

    @Test
    void a_valid_answer_is_stored_and_reported_valid() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            ann.start();
            Response r = ann.answer("name", "Ann Smith");
            assertEquals(200, r.code());
            assertTrue(parse(r).get("valid").asBoolean());
            JsonNode answer = parse(ann.state()).at("/answers/name");
            assertEquals("Ann Smith", answer.get("value").asText());
            assertTrue(answer.get("valid").asBoolean());
        });
    }

    @Test
    void an_invalid_answer_is_stored_flagged_with_the_reason() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            ann.start();
            String longName = "x".repeat(101);
            JsonNode reply = parse(ann.answer("name", longName));
            assertFalse(reply.get("valid").asBoolean());
            assertTrue(reply.get("error").asText().contains("at most 100"), reply.toString());
            JsonNode stored = parse(ann.state()).at("/answers/name");
            assertEquals(longName, stored.get("value").asText());
            assertFalse(stored.get("valid").asBoolean());
            assertEquals(reply.get("error").asText(), stored.get("error").asText());
        });
    }

    @Test
    void each_rule_gives_its_own_message() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            ann.start();
            assertEquals("This field is required.", parse(ann.answer("name", "   ")).get("error").asText());
            assertTrue(parse(ann.answer("email", "not-an-address")).get("error").asText().contains("valid email"));
            assertTrue(parse(ann.answer("email", "ann@example")).get("error").asText().contains("valid email"));
            assertTrue(parse(ann.answer("email", "ann@example.com")).get("valid").asBoolean());
            assertEquals("Choose one of the options.", parse(ann.answer("age", "15")).get("error").asText());
            assertEquals("Choose one of the options.", parse(ann.answer("age", "101")).get("error").asText());
            assertTrue(parse(ann.answer("age", "16")).get("valid").asBoolean());
            assertTrue(parse(ann.answer("age", "100")).get("valid").asBoolean());
            assertEquals("Choose one of the options.", parse(ann.answer("gender", "robot")).get("error").asText());
            assertTrue(parse(ann.answer("gender", "other")).get("valid").asBoolean());
            assertTrue(parse(ann.answer("colours", List.of("red", "mauve"))).get("error").asText().contains("mauve"));
            assertTrue(parse(ann.answer("colours", List.of("red", "red"))).get("error").asText().contains("twice"));
            assertTrue(parse(ann.answer("colours", List.of("red", "blue"))).get("valid").asBoolean());
            assertTrue(parse(ann.answer("colours", List.of())).get("valid").asBoolean(), "colours are optional");
            assertTrue(parse(ann.answer("address", "")).get("valid").asBoolean(), "address is optional");
            assertFalse(parse(ann.answer("address", "a".repeat(301))).get("valid").asBoolean());
            assertFalse(parse(ann.answer("about", "a".repeat(2001))).get("valid").asBoolean());
        });
    }

    @Test
    void emoji_and_other_four_byte_text_round_trips() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            ann.start();
            String text = "Zoë 🦄 says 𝄞 — «hi» 中文";
            assertTrue(parse(ann.answer("about", text)).get("valid").asBoolean());
            assertEquals(text, parse(ann.state()).at("/answers/about/value").asText());
            String hundredEmoji = "😀".repeat(100);
            JsonNode emojiName = parse(ann.answer("name", hundredEmoji));
            assertTrue(emojiName.path("valid").asBoolean(), "100 emoji are 100 characters: " + emojiName);
        });
    }

    @Test
    void an_email_can_be_used_once_per_survey() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            var bob = new Respondent(client);
            ann.start();
            bob.start();
            assertTrue(parse(ann.answer("email", "shared@example.com")).get("valid").asBoolean());
            JsonNode refused = parse(bob.answer("email", " Shared@Example.COM "));
            assertFalse(refused.get("valid").asBoolean());
            assertEquals("This email has already been used for this survey.", refused.get("error").asText());
            assertTrue(parse(ann.answer("email", "shared@example.com")).get("valid").asBoolean(),
                    "re-sending your own address is fine");
            ann.answer("email", "ann@example.com");
            assertTrue(parse(bob.answer("email", "shared@example.com")).get("valid").asBoolean(),
                    "a changed address is free again");
        });
    }

    @Test
    void next_refuses_a_step_with_an_error_per_field() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            ann.start();
            ann.answer("email", "nope");
            Response r = ann.step(1);
            assertEquals(422, r.code());
            JsonNode body = parse(r);
            assertEquals("This field is required.", body.at("/details/name").asText());
            assertTrue(body.at("/details/email").asText().contains("valid email"));
            assertEquals("name", body.get("field").asText());
            assertEquals(1, parse(ann.state()).get("currentStep").asInt());
        });
    }

    @Test
    void a_valid_step_moves_on_and_steps_cannot_be_skipped() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            ann.start();
            assertEquals(409, ann.step(2).code());
            ann.answer("name", "Ann");
            ann.answer("email", "ann.steps@example.com");
            JsonNode next = parse(ann.step(1));
            assertEquals(2, next.get("nextStep").asInt());
            assertEquals(2, parse(ann.state()).get("currentStep").asInt());
            assertEquals(404, ann.step(5).code());
            assertEquals(404, ann.step(0).code());
            assertEquals(404, ann.step("two").code());
        });
    }

    @Test
    void complete_needs_every_required_answer_then_is_idempotent() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            ann.start();
            ann.answer("name", "Ann");
            Response refused = ann.complete();
            assertEquals(422, refused.code());
            assertTrue(parse(refused).get("details").has("email"));
            assertTrue(parse(refused).get("details").has("age"));
            assertFalse(parse(refused).get("details").has("name"));

            JsonNode done = new Respondent(client).completeWith("Cat", "cat@example.com", "30", "female", List.of("red"));
            assertTrue(done.get("completed").asBoolean(), done.toString());
            Instant completedAt = Instant.parse(done.get("completedAt").asText());
            assertFalse(completedAt.isBefore(Instant.parse(done.get("startedAt").asText())), done.toString());
            assertFalse(completedAt.isAfter(Instant.now().plusSeconds(60)), done.toString());
        });
    }

    @Test
    void a_completed_response_is_read_only_and_says_so() {
        db.test((server, client) -> {
            var dan = new Respondent(client);
            dan.completeWith("Dan", "dan@example.com", "40", null, List.of());
            Response late = dan.answer("name", "Daniel");
            assertEquals(409, late.code());
            assertEquals("Survey already submitted.", parse(late).get("error").asText());
            assertEquals("Dan", parse(dan.state()).at("/answers/name/value").asText());
            assertEquals(200, dan.complete().code(), "completing twice is harmless");
            assertTrue(parse(dan.start()).get("completed").asBoolean(), "resuming shows it completed");
        });
    }

    @Test
    void reset_forgets_this_browser_but_keeps_the_response() {
        db.test((server, client) -> {
            var eve = new Respondent(client);
            long id = parse(eve.start()).get("id").asLong();
            eve.answer("name", "Eve");
            String oldCookie = eve.cookie();
            Response r = eve.reset();
            assertEquals(204, r.code());
            String expired = r.headers().get("Set-Cookie").get(0);
            assertTrue(expired.startsWith("ls_respondent=;") && expired.contains("Expires=Thu, 01 Jan 1970"), expired);
            eve.useCookie(oldCookie);
            assertEquals(404, eve.state().code(), "the old cookie reaches nothing");
            eve.useCookie(null);
            long fresh = parse(eve.start()).get("id").asLong();
            assertNotEquals(id, fresh);
            long kept = db.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM answers WHERE response_id = :id").bind("id", id).mapTo(Long.class).one());
            assertEquals(1, kept, "the stored response keeps its answers");
        });
    }

    @Test
    void an_answer_landing_in_the_millisecond_of_validation_still_stops_the_completion() {
        db.test((server, client) -> {
            var fay = new Respondent(client);
            long id = parse(fay.start()).get("id").asLong();
            fay.answer("name", "Fay");
            fay.answer("email", "fay@example.com");
            fay.answer("age", "30");
            fay.answer("about", "Hi");
            var responses = db.database().jdbi().onDemand(ResponseDao.class);
            ResponseRow validated = responses.findById(id).orElseThrow();
            // An invalid answer commits after validation, within the same millisecond as it.
            assertFalse(parse(fay.answer("name", "x".repeat(101))).get("valid").asBoolean());
            db.database().jdbi().useHandle(h -> h.execute("UPDATE responses SET updated_at = ? WHERE id = ?",
                    validated.updatedAt(), id));
            assertEquals(ResponseDao.Settled.STALE, responses.markCompleted(validated.surveyId(), id,
                    validated.version(), List.of(), validated.updatedAt()));
            assertFalse(responses.findById(id).orElseThrow().completed(), "not completed on stale validation");
            Response refused = fay.complete();
            assertEquals(422, refused.code());
            assertTrue(parse(refused).at("/details/name").asText().contains("at most 100"), refused.body().string());
        });
    }

    @Test
    void a_unique_email_stays_unique_when_its_holder_lets_it_go() {
        db.test((server, client) -> {
            var r1 = new Respondent(client);
            var r2 = new Respondent(client);
            var r3 = new Respondent(client);
            r1.start();
            r2.start();
            r3.start();
            assertTrue(parse(r1.answer("email", "same@example.org")).get("valid").asBoolean());
            assertFalse(parse(r2.answer("email", "same@example.org")).get("valid").asBoolean());
            r1.answer("email", "r1@example.org");
            // R2's stored answer was refused, but the address is free now: finishing the step takes it.
            r2.answer("name", "Two");
            assertEquals(200, r2.step(1).code());
            r2.answer("age", "30");
            r2.answer("about", "Me");
            for (int step = 2; step <= 4; step++) {
                assertEquals(200, r2.step(step).code());
            }
            JsonNode r2Done = parse(r2.complete());
            assertTrue(r2Done.get("completed").asBoolean(), r2Done.toString());
            assertTrue(r2Done.at("/answers/email/valid").asBoolean(), "the holder's answer is valid: " + r2Done);

            assertFalse(parse(r3.answer("email", "same@example.org")).get("valid").asBoolean());
            JsonNode r3Reply = r3.completeWith("Three", "same@example.org", "30", null, List.of());
            assertEquals("This email has already been used for this survey.",
                    r3Reply.at("/details/email").asText(), r3Reply.toString());
            assertFalse(parse(r3.state()).get("completed").asBoolean());
            long holders = db.database().jdbi().withHandle(h -> h.createQuery("""
                    SELECT COUNT(*) FROM responses r JOIN answers a ON a.response_id = r.id
                    JOIN questions q ON q.id = a.question_id
                    WHERE q.question_key = 'email' AND a.answer_value = 'same@example.org' AND r.completed_at IS NOT NULL
                    """).mapTo(Long.class).one());
            assertEquals(1, holders, "one completed response with the address");
        });
    }

    @Test
    void a_token_of_one_survey_reaches_nothing_in_another() {
        db.test((server, client) -> {
            long second = SecondSurvey.create(db.database().jdbi());
            var ann = new Respondent(client);
            long id = parse(ann.start()).get("id").asLong();
            assertTrue(parse(ann.answer("name", "Ann")).get("valid").asBoolean(), "the token is cached now");
            var elsewhere = new Respondent(client, SecondSurvey.SLUG);
            elsewhere.useCookie(ann.cookie());
            assertEquals(404, elsewhere.answer("name", "Intruder").code());
            assertEquals(404, elsewhere.state().code());
            assertEquals("Ann", parse(ann.state()).at("/answers/name/value").asText());
            long foreign = db.database().jdbi().withHandle(h -> h.createQuery("""
                    SELECT COUNT(*) FROM answers a JOIN questions q ON q.id = a.question_id
                    WHERE a.response_id = :id AND q.survey_id = :second
                    """).bind("id", id).bind("second", second).mapTo(Long.class).one());
            assertEquals(0, foreign, "no answer of the other survey in this response");
        });
    }

    @Test
    void start_again_on_one_instance_stops_the_old_cookie_on_every_instance() {
        try (var second = Backend.sameDatabaseAs(db)) {
            db.test((serverA, clientA) -> second.test((serverB, clientB) -> {
                var onB = new Respondent(clientB);
                onB.start();
                assertEquals(200, onB.answer("name", "Gil").code(), "B has the token cached now");
                String oldCookie = onB.cookie();
                var onA = new Respondent(clientA);
                onA.useCookie(oldCookie);
                assertEquals(204, onA.reset().code());
                onB.useCookie(oldCookie);
                assertEquals(404, onB.answer("name", "Gil again").code(), "the forgotten cookie writes nothing on B");
                assertEquals("Gil", db.database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.answer_value FROM answers a JOIN questions q ON q.id = a.question_id
                        WHERE q.question_key = 'name' AND a.answer_value LIKE 'Gil%'
                        """).mapTo(String.class).one()));
            }));
        }
    }
}
