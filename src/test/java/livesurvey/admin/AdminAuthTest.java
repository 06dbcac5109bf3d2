package livesurvey.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.Response;
import livesurvey.Admin;
import livesurvey.Backend;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminAuthTest extends DatabaseTest {
    /** Every admin path of the contract, with a method; {id} is filled with a real response id. */
    private static final List<String[]> ADMIN_PATHS = List.of(
            new String[] {"GET", "/api/surveys/default/responses"},
            new String[] {"GET", "/api/surveys/default/responses?sort=age&dir=asc"},
            new String[] {"GET", "/api/surveys/default/responses/{id}"},
            new String[] {"DELETE", "/api/surveys/default/responses/{id}"},
            new String[] {"GET", "/api/surveys/default/summary"},
            new String[] {"GET", "/api/surveys/default/export.csv"},
            new String[] {"GET", "/api/surveys/default/export.json"});

    @Test
    void every_admin_path_is_refused_without_a_session_with_401_json() {
        db.test((server, client) -> {
            long id = parse(new Respondent(client).start()).get("id").asLong();
            Admin nobody = new Admin(client);
            for (String[] p : ADMIN_PATHS) {
                assertRefused(nobody.send(p[0], p[1].replace("{id}", Long.toString(id)), null), p);
            }
            assertEquals(200, Admin.loggedIn(client).response(id).code(), "the response is still there");
        });
    }

    @Test
    void a_respondent_cookie_is_not_an_admin_session() {
        db.test((server, client) -> {
            Respondent ann = new Respondent(client);
            long id = parse(ann.start()).get("id").asLong();
            Admin pretender = new Admin(client);
            pretender.useCookie(ann.cookie());
            for (String[] p : ADMIN_PATHS) {
                assertRefused(pretender.send(p[0], p[1].replace("{id}", Long.toString(id)), null), p);
            }
            // The respondent's token in the admin cookie's name is no better.
            pretender.useCookie("ls_admin=" + ann.cookie().substring(ann.cookie().indexOf('=') + 1));
            for (String[] p : ADMIN_PATHS) {
                assertRefused(pretender.send(p[0], p[1].replace("{id}", Long.toString(id)), null), p);
            }
        });
    }

    @Test
    void login_sets_a_strict_http_only_session_cookie_that_opens_the_admin_api() {
        db.test((server, client) -> {
            Admin admin = new Admin(client);
            Response r = admin.login("admin", Backend.ADMIN_PASSWORD);
            assertEquals(200, r.code());
            assertEquals("admin", parse(r).get("username").asText());
            String cookie = Admin.setCookie(r).orElseThrow();
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.contains("SameSite=Strict"), cookie);
            assertTrue(cookie.contains("Path=/"), cookie);
            assertFalse(cookie.contains("Secure"), "not Secure outside production: " + cookie);
            assertEquals(200, admin.list("").code());
            assertEquals(200, admin.get("/api/surveys/default/summary").code());
        });
    }

    @Test
    void logout_deletes_the_session_on_the_server_and_clears_the_cookie() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String session = admin.cookie();
            Response out = admin.logout();
            assertEquals(204, out.code());
            String cleared = Admin.setCookie(out).orElseThrow();
            assertTrue(cleared.startsWith("ls_admin=;") || cleared.contains("Max-Age=0"), cleared);
            // Replaying the old cookie (as a thief would) no longer works: the session is gone server-side.
            Admin replay = new Admin(client);
            replay.useCookie(session);
            assertRefused(replay.list(""), new String[] {"GET", "responses with a logged-out session"});
        });
    }

    @Test
    void wrong_password_and_unknown_user_get_the_same_answer() {
        db.test((server, client) -> {
            Response wrongPassword = new Admin(client).login("admin", "not-the-password");
            Response unknownUser = new Admin(client).login("mallory", Backend.ADMIN_PASSWORD);
            assertEquals(401, wrongPassword.code());
            assertEquals(401, unknownUser.code());
            assertEquals("{\"error\":\"Wrong username or password.\"}", wrongPassword.body().string());
            assertEquals("{\"error\":\"Wrong username or password.\"}", unknownUser.body().string());
            assertTrue(Admin.setCookie(wrongPassword).isEmpty());
            assertTrue(Admin.setCookie(unknownUser).isEmpty());
        });
    }

    @Test
    void a_malformed_login_is_a_400_json_error() {
        db.test((server, client) -> {
            Admin admin = new Admin(client);
            Response missing = admin.send("POST", "/api/login", "{\"username\":\"admin\"}");
            assertEquals(400, missing.code());
            assertEquals("password", parse(missing).get("field").asText());
            assertEquals(400, admin.send("POST", "/api/login", "{\"username\":").code());
            assertEquals(400, admin.send("POST", "/api/login", "{\"username\":1,\"password\":2}").code());
        });
    }

    @Test
    void a_bearer_token_opens_the_admin_api_and_a_wrong_one_does_not() {
        db.test((server, client) -> {
            String token = new AdminAuth(db.database().jdbi(), Clock.systemUTC()).createApiToken("test script");
            assertTrue(token.startsWith("lsat_"), token);
            Admin script = new Admin(client);
            script.useBearer(token);
            assertEquals(200, script.list("").code());
            JsonNode summary = script.summary();
            assertTrue(summary.get("count").isNumber(), summary.toString());
            Admin forger = new Admin(client);
            forger.useBearer(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"));
            assertRefused(forger.list(""), new String[] {"GET", "responses with a forged token"});
            // A bad bearer header is not rescued by a good session cookie sent alongside.
            Admin both = Admin.loggedIn(client);
            both.useBearer("nonsense");
            assertRefused(both.list(""), new String[] {"GET", "responses with a bad bearer"});
        });
    }

    @Test
    void the_dashboard_page_redirects_to_login_until_logged_in() {
        db.test((server, client) -> {
            Response anonymous = new Admin(client).get("/dashboard");
            assertEquals(302, anonymous.code());
            assertEquals("/login?next=%2Fdashboard", anonymous.headers().get("Location").get(0));
            Response login = new Admin(client).get("/login");
            assertEquals(200, login.code());
            assertTrue(login.body().string().contains("<form"));
            Admin admin = Admin.loggedIn(client);
            Response page = admin.get("/dashboard");
            assertEquals(200, page.code());
            assertTrue(page.headers().get("Content-Type").get(0).startsWith("text/html"));
        });
    }

    @Test
    void the_first_start_does_not_create_a_second_admin() {
        db.test((server, client) -> {
            AdminAuth auth = new AdminAuth(db.database().jdbi(), Clock.systemUTC());
            AdminAuth.FirstAdmin again = auth.createFirstAdmin("another-password");
            assertFalse(again.created());
            assertEquals(401, new Admin(client).login("admin", "another-password").code());
            assertEquals(200, new Admin(client).login("admin", Backend.ADMIN_PASSWORD).code());
        });
    }

    private static void assertRefused(Response r, String[] what) {
        assertEquals(401, r.code(), what[0] + " " + what[1]);
        assertEquals("Log in as an admin first.", parse(r).get("error").asText(), what[0] + " " + what[1]);
        assertTrue(r.headers().get("Content-Type").get(0).startsWith("application/json"), what[1]);
    }
}
