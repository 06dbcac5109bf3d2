package livesurvey.response;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.Response;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

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
            assertNotNull(done.get("completedAt").asText());
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
    void an_answer_landing_after_validation_stops_the_completion_it_was_not_checked_by() {
        db.test((server, client) -> {
            var fay = new Respondent(client);
            long id = parse(fay.start()).get("id").asLong();
            var responses = db.database().jdbi().onDemand(ResponseDao.class);
            ResponseRow validated = responses.findById(id).orElseThrow();
            // An answer commits between validation and completion: it moves updated_at on.
            db.database().jdbi().useHandle(h -> h.execute("UPDATE responses SET updated_at = updated_at + 1 WHERE id = ?", id));
            assertFalse(responses.markCompleted(validated.surveyId(), id, validated.updatedAt(), validated.updatedAt() + 2));
            assertFalse(responses.findById(id).orElseThrow().completed(), "not completed on stale validation");
            ResponseRow fresh = responses.findById(id).orElseThrow();
            assertTrue(responses.markCompleted(fresh.surveyId(), id, fresh.updatedAt(), fresh.updatedAt() + 2));
        });
    }
}
