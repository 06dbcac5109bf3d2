package livesurvey.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import livesurvey.Backend;
import livesurvey.browser.SurveySite.Screen;
import livesurvey.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A respondent deletes their own answers from the survey page: the response is gone from the server, not just from this browser. */
class DeleteMyAnswersTest {
    private static SurveySite site;

    @BeforeAll
    static void start() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        site = new SurveySite();
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Screen.class)
    void a_respondent_deletes_their_answers_in_progress_after_confirming(Screen screen) {
        try (BrowserContext context = site.newContext(screen)) {
            SurveyPage survey = new SurveyPage(context.newPage()).open(site.url("/survey"));
            String name = "Erin Erase " + screen;
            survey.type("Name", name).type("Email", "erin." + screen + "@example.com");
            survey.field("Name").focus();
            assertThat(survey.saveStatus()).hasText("Saved");
            long id = site.storedResponse(context).get("id").asLong();
            assertEquals(name, stored(id).at("/answers/name").asText());

            survey.button("Delete my answers").click();
            var dialog = survey.page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).containsText("This cannot be undone.");
            Axe.check(survey.page, "the survey's delete confirmation (" + screen + ")");
            survey.page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("/tmp/erase-confirm-" + screen + ".png")));
            dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Keep my answers")).click();
            assertThat(dialog).isHidden();
            assertThat(survey.field("Name")).hasValue(name);

            survey.button("Delete my answers").click();
            dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Delete my answers")).click();

            assertThat(survey.heading()).hasText("Your answers have been deleted.");
            assertThat(survey.page.getByText("Nothing you entered in this survey is kept.")).isVisible();
            Axe.check(survey.page, "the survey after deleting one's answers (" + screen + ")");
            survey.page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("/tmp/erased-" + screen + ".png")));
            assertEquals(404, adminGet("/api/surveys/default/responses/" + id).status(), "gone from the server");
            assertEquals(404, context.request().get(site.url("/api/surveys/default/responses/me")).status());

            survey.button("Start again").click();
            assertThat(survey.heading()).hasText("Step 1 of 4");
            assertThat(survey.field("Name")).hasValue("");
        }
    }

    @ParameterizedTest
    @EnumSource(Screen.class)
    void a_respondent_deletes_a_completed_response(Screen screen) {
        try (BrowserContext context = site.newContext(screen)) {
            var api = context.request();
            String me = site.url("/api/surveys/default/responses/me");
            long id = Json.MAPPER.valueToTree(parse(api.post(site.url("/api/surveys/default/responses")).text()))
                    .get("id").asLong();
            answer(api, me, "name", "Cleo Completed");
            answer(api, me, "email", "cleo." + screen + "@example.com");
            api.post(me + "/steps/1");
            answer(api, me, "age", "33");
            answer(api, me, "about", "Done and dusted");
            api.post(me + "/steps/2");
            api.post(me + "/steps/3");
            api.post(me + "/steps/4");
            assertEquals(200, api.post(me + "/complete").status());
            SurveyPage survey = new SurveyPage(context.newPage()).open(site.url("/survey"));
            assertThat(survey.heading()).hasText("Survey already submitted.");

            survey.button("Delete my answers").click();
            survey.page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
                    new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Delete my answers")).click();

            assertThat(survey.heading()).hasText("Your answers have been deleted.");
            assertEquals(404, adminGet("/api/surveys/default/responses/" + id).status());
        }
    }

    private static void answer(com.microsoft.playwright.APIRequestContext api, String me, String key, String value) {
        var reply = api.put(me + "/answers/" + key, RequestOptions.create().setData(Map.of("value", value)));
        assertEquals(200, reply.status(), reply.text());
    }

    private com.fasterxml.jackson.databind.JsonNode stored(long id) {
        return parse(adminGet("/api/surveys/default/responses/" + id).text());
    }

    /** An admin's look at the server, from a browser profile of its own. */
    private record Reply(int status, String text) {
    }

    private static Reply adminGet(String path) {
        try (BrowserContext admin = site.newContext(Screen.DESKTOP)) {
            var login = admin.request().post(site.url("/api/login"), RequestOptions.create()
                    .setData(Map.of("username", "admin", "password", Backend.ADMIN_PASSWORD)));
            assertEquals(200, login.status(), login.text());
            var reply = admin.request().get(site.url(path));
            return new Reply(reply.status(), reply.text()); // read before the profile closes
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
