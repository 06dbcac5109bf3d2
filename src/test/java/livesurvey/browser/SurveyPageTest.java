package livesurvey.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import livesurvey.browser.SurveySite.Screen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A respondent taking the survey in a real browser, on a desktop and on a 360 px wide phone. */
@ParameterizedClass(name = "{0}")
@EnumSource(Screen.class)
class SurveyPageTest {
    static SurveySite site;
    static String noBrowser;

    @Parameter
    Screen screen;

    BrowserContext context;
    SurveyPage survey;

    @BeforeAll
    static void start() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        try {
            site = new SurveySite();
        } catch (TestAbortedException e) {
            noBrowser = e.getMessage(); // reported on every test below: a class-level skip goes unreported
        }
    }

    @AfterAll
    static void stop() {
        if (site != null) { // null when no Chromium was found and the class was skipped
            site.close();
            site = null;
        }
    }

    @BeforeEach
    void openBrowser() {
        Assumptions.assumeTrue(noBrowser == null, noBrowser);
        context = site.newContext(screen);
        survey = open(context);
    }

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            context.close();
        }
    }

    private SurveyPage open(BrowserContext browser) {
        Page page = browser.newPage();
        page.setDefaultTimeout(15_000);
        return new SurveyPage(page).open(site.url("/survey"));
    }

    /** Closes the browser and opens it again with the same cookies and localStorage. */
    private void restartBrowser() {
        String state = context.storageState();
        context.close();
        context = site.reopen(screen, state);
        survey = open(context);
    }

    /** Waits (bounded) until the server holds this answer for this browser's response. */
    private void awaitStored(String key, String expected) {
        survey.page.waitForCondition(() -> expected.equals(site.storedResponse(context).at("/answers/" + key + "/value")
                .asText()), new Page.WaitForConditionOptions().setTimeout(15_000));
    }

    private static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void a_respondent_completes_the_whole_survey() {
        survey.expectStep(1);
        assertFalse(survey.scrollsSideways(), "step 1 fits the screen");
        assertThat(survey.button("Previous")).isHidden();
        String email = uniqueEmail("ann");
        survey.fill("Name", "Ann Lee").fill("Email", email).next().expectStep(2);
        assertFalse(survey.scrollsSideways(), "step 2 fits the screen");
        survey.select("Age", "34").fill("About me", "I like maps.").next().expectStep(3);
        assertFalse(survey.scrollsSideways(), "step 3 fits the screen");
        survey.fill("Address", "1 Main Street").tick("Female").next().expectStep(4);
        assertFalse(survey.scrollsSideways(), "step 4 fits the screen");
        assertThat(survey.button("Next")).isHidden();
        survey.fill("Favourite book", "Middlemarch").tick("Red").tick("Blue");
        survey.button("Submit").click();

        assertThat(survey.heading()).hasText("Thank you! Your answers have been submitted.");
        assertThat(survey.heading()).isFocused();
        JsonNode stored = site.storedResponse(context);
        assertTrue(stored.get("completed").asBoolean());
        assertEquals("Ann Lee", stored.at("/answers/name/value").asText());
        assertEquals(email, stored.at("/answers/email/value").asText());
        assertEquals("34", stored.at("/answers/age/value").asText());
        assertEquals("female", stored.at("/answers/gender/value").asText());
        assertEquals("Middlemarch", stored.at("/answers/book/value").asText());
        assertEquals("[\"red\",\"blue\"]", stored.at("/answers/colours/value").toString());
    }

    @Test
    void previous_goes_back_with_the_answers_still_there() {
        survey.fill("Name", "Bo").fill("Email", uniqueEmail("bo")).next().expectStep(2);
        survey.button("Previous").click();
        survey.expectStep(1);
        assertThat(survey.heading()).isFocused();
        assertThat(survey.field("Name")).hasValue("Bo");
        survey.next().expectStep(2);
    }

    @Test
    void required_fields_and_a_bad_email_block_next() {
        survey.next();
        assertThat(survey.alert()).containsText("2 answers need fixing");
        survey.expectMessage("Name", "This field is required.");
        survey.expectMessage("Email", "This field is required.");
        assertThat(survey.field("Name")).isFocused();
        survey.expectStep(1);

        survey.fill("Name", "Cy").fill("Email", "not-an-address").next();
        survey.expectMessage("Email", "Enter a valid email address");
        assertThat(survey.field("Email")).isFocused();
        survey.expectStep(1);

        survey.fill("Email", uniqueEmail("cy"));
        survey.field("Email").press("Enter");
        survey.expectStep(2);
        assertThat(survey.heading()).isFocused();
    }

    @Test
    void each_field_shows_the_servers_verdict_when_left() {
        String email = uniqueEmail("dee");
        survey.type("Email", email.substring(0, email.length() - ".com".length()));
        survey.field("Email").press("Tab");
        survey.expectMessage("Email", "Enter a valid email address");
        assertThat(survey.field("Email")).hasAttribute("aria-invalid", "true");
        survey.type("Email", ".com");
        survey.expectMessage("Email", "Looks good");
        assertThat(survey.field("Email")).not().hasAttribute("aria-invalid", "true");
    }

    @Test
    void a_value_the_server_refuses_is_explained_and_does_not_hold_up_the_rest() {
        survey.fill("Name", "Lu").fill("Email", uniqueEmail("lu")).next().expectStep(2);
        survey.select("Age", "50").fill("About me", "x".repeat(10_001));
        survey.field("About me").press("Tab");
        survey.expectMessage("About me", "Value too long: at most 10000 characters");
        assertThat(survey.saveStatus()).containsText("Not saved");
        survey.next();
        survey.expectStep(2);
        assertThat(survey.alert()).containsText("About me");

        survey.fill("About me", "Short and sweet.").expectSaved();
        assertEquals("Short and sweet.", site.storedResponse(context).at("/answers/about/value").asText());
        assertEquals("50", site.storedResponse(context).at("/answers/age/value").asText());
        survey.next().expectStep(3);
    }

    @Test
    void an_email_already_used_is_refused() {
        String email = uniqueEmail("eve");
        survey.fill("Name", "Eve").fill("Email", email).next().expectStep(2);

        BrowserContext other = site.newContext(screen);
        try {
            SurveyPage second = open(other);
            second.fill("Name", "Someone else").fill("Email", email).next();
            second.expectMessage("Email", "This email has already been used for this survey.");
            second.expectStep(1);
        } finally {
            other.close();
        }
    }

    @Test
    void closing_and_reopening_the_browser_resumes_at_the_same_step_with_the_answers() {
        String email = uniqueEmail("fay");
        survey.fill("Name", "Fay <b>Bold</b>").fill("Email", email).next().expectStep(2);
        survey.select("Age", "42").fill("About me", "Still typing").expectSaved();

        restartBrowser();
        survey.expectStep(2);
        assertThat(survey.field("Age")).hasValue("42");
        assertThat(survey.field("About me")).hasValue("Still typing");
        survey.button("Previous").click();
        assertThat(survey.field("Name")).hasValue("Fay <b>Bold</b>");
        assertThat(survey.field("Email")).hasValue(email);
    }

    @Test
    void coming_back_after_completing_says_already_submitted_and_start_again_begins_afresh() {
        survey.answerFirstThreeSteps("Gus", uniqueEmail("gus"));
        survey.button("Submit").click();
        assertThat(survey.heading()).hasText("Thank you! Your answers have been submitted.");
        long firstId = site.storedResponse(context).get("id").asLong();

        restartBrowser();
        assertThat(survey.heading()).hasText("Survey already submitted.");
        assertThat(survey.field("Name")).hasCount(0);

        survey.button("Start again").click();
        survey.expectStep(1);
        assertThat(survey.field("Name")).hasValue("");
        JsonNode fresh = site.storedResponse(context);
        assertFalse(fresh.get("completed").asBoolean());
        assertTrue(fresh.get("id").asLong() != firstId, "a new response");
    }

    @Test
    void a_second_tab_learns_the_survey_was_submitted_in_the_first() {
        survey.answerFirstThreeSteps("Max", uniqueEmail("max"));
        SurveyPage secondTab = open(context);
        secondTab.expectStep(4);
        survey.button("Submit").click();
        assertThat(survey.heading()).hasText("Thank you! Your answers have been submitted.");

        secondTab.type("Favourite book", "Too late");
        assertThat(secondTab.heading()).hasText("Survey already submitted.");
    }

    @Test
    void start_again_in_the_middle_clears_the_form() {
        survey.fill("Name", "Hal").fill("Email", uniqueEmail("hal")).next().expectStep(2);
        long firstId = site.storedResponse(context).get("id").asLong();
        survey.button("Start again").click();
        survey.expectStep(1);
        assertThat(survey.heading()).isFocused();
        assertThat(survey.field("Name")).hasValue("");
        JsonNode fresh = site.storedResponse(context);
        assertTrue(fresh.get("id").asLong() != firstId, "a new response");
        assertEquals(0, fresh.get("answers").size());
    }

    @Test
    void answers_typed_while_the_server_is_unreachable_arrive_once_it_is_back() {
        survey.fill("Name", "Ivy").expectSaved();
        survey.page.route("**/api/**", route -> route.abort());
        survey.field("Name").fill("");
        survey.type("Name", "Ivy Offline");
        assertThat(survey.saveStatus()).hasText("Offline — will retry");
        survey.fill("Email", uniqueEmail("ivy"));
        survey.next();
        assertThat(survey.alert()).containsText("offline");
        survey.expectStep(1);

        survey.page.unroute("**/api/**");
        survey.expectSaved();
        assertEquals("Ivy Offline", site.storedResponse(context).at("/answers/name/value").asText());
        survey.next().expectStep(2);
    }

    @Test
    void answers_the_server_refuses_with_503_stay_queued_and_are_stored_on_a_retry() {
        survey.fill("Name", "Kim").expectSaved();
        AtomicInteger refused = new AtomicInteger();
        // The database is down for a moment: the server answers 503 with Retry-After, as it does then.
        survey.page.route("**/responses/me/answers/**", route -> {
            if (refused.getAndIncrement() < 3) {
                route.fulfill(new Route.FulfillOptions().setStatus(503).setHeaders(Map.of("Retry-After", "1"))
                        .setContentType("application/json")
                        .setBody("{\"error\":\"The database is unavailable; please retry shortly.\"}"));
            } else {
                route.resume();
            }
        });
        survey.field("Name").fill("");
        survey.type("Name", "Kim Retried");
        String email = uniqueEmail("kim");
        survey.fill("Email", email);
        awaitStored("name", "Kim Retried");
        awaitStored("email", email);
        assertTrue(refused.get() >= 3, "the server refused " + refused.get() + " sends");
        survey.expectSaved();
        survey.next().expectStep(2);
    }

    @Test
    void answers_typed_offline_survive_closing_the_browser() {
        survey.fill("Name", "Jo").expectSaved();
        context.setOffline(true);
        survey.type("Name", " Unsent");
        assertThat(survey.saveStatus()).hasText("Offline — will retry");
        assertEquals("Jo", site.storedResponse(context).at("/answers/name/value").asText());

        // The offline browser stays open (and unable to send) until the reopened one is checked:
        // closing a context can let a last request through, and only localStorage may carry the answer.
        BrowserContext offline = context;
        try {
            context = site.reopen(screen, offline.storageState());
            survey = open(context);
            assertThat(survey.field("Name")).hasValue("Jo Unsent");
            survey.expectSaved();
            awaitStored("name", "Jo Unsent");
        } finally {
            offline.close();
        }
    }

    @Test
    void the_whole_survey_can_be_done_with_the_keyboard_alone() {
        var keyboard = survey.page.keyboard();
        keyboard.press("Tab");
        keyboard.press("Tab");
        assertThat(survey.field("Name")).isFocused();
        keyboard.type("Kim");
        keyboard.press("Tab");
        keyboard.type(uniqueEmail("kim"));
        keyboard.press("Enter");
        survey.expectStep(2);

        keyboard.press("Tab");
        assertThat(survey.field("Age")).isFocused();
        keyboard.type("29");
        assertThat(survey.field("Age")).hasValue("29");
        keyboard.press("Tab");
        keyboard.type("Keys only.");
        keyboard.press("Tab");
        keyboard.press("Tab");
        assertThat(survey.button("Next")).isFocused();
        keyboard.press("Enter");
        survey.expectStep(3);

        keyboard.press("Tab");
        keyboard.type("2 Side Road");
        keyboard.press("Tab");
        keyboard.press("Space");
        assertThat(survey.field("Female")).isChecked();
        keyboard.press("Tab");
        keyboard.press("Tab");
        keyboard.press("Enter");
        survey.expectStep(4);

        keyboard.press("Tab");
        keyboard.type("Emma");
        keyboard.press("Tab");
        keyboard.press("Space");
        assertThat(survey.field("Red")).isChecked();
        keyboard.press("Shift+Tab");
        keyboard.press("Enter");
        assertThat(survey.heading()).hasText("Thank you! Your answers have been submitted.");
        JsonNode stored = site.storedResponse(context);
        assertTrue(stored.get("completed").asBoolean());
        assertEquals("[\"red\"]", stored.at("/answers/colours/value").toString());
    }
}
