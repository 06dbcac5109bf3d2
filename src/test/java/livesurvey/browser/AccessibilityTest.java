package livesurvey.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import livesurvey.Respondent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static livesurvey.browser.Dashboards.logIn;
import static livesurvey.browser.Dashboards.onFreshSite;

/**
 * axe-core (WCAG 2.1 A and AA) over every page in the states a person meets them in: empty, loaded,
 * with errors showing, during an outage, with a dialog open; on a wide and a phone screen.
 */
class AccessibilityTest {
    private static Browsers browsers;

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    }

    @AfterAll
    static void close() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @Test
    void the_dashboard_empty_loaded_filtered_paused_and_with_dialogs_open() {
        onFreshSite((server, client) -> {
            for (var screen : SurveySite.Screen.values()) {
                try (BrowserContext context = newContext(screen)) {
                    Page page = logIn(context, client.getOrigin() + "/dashboard");
                    if (screen == SurveySite.Screen.DESKTOP) {
                        assertThat(page.getByText("Responses are kept until an admin deletes them.")).isVisible();
                        livesurvey.Admin.loggedIn(client).send("PUT", "/api/surveys/default/retention", "{\"days\": 90}");
                        page.reload();
                        assertThat(page.getByText("Responses older than 90 days are deleted.")).isVisible();
                        assertThat(page.getByText("No responses yet.")).isVisible();
                        Axe.check(page, "the empty dashboard");
                        new Respondent(client).completeWith("Ann Example", "ann@example.com", "34", "female",
                                List.of("blue", "green"));
                        var typing = new Respondent(client);
                        typing.start();
                        typing.answer("name", "Ben Typing");
                        typing.answer("email", "not an email");
                        assertThat(page.locator("#responses-table")).containsText("typing…");
                    }
                    assertThat(page.locator("#responses-table")).containsText("Ben Typing");
                    Axe.check(page, "the dashboard with responses (" + screen + ")");
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                            .setPath(Path.of("/tmp/a11y-dashboard-" + screen + ".png")));

                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                            java.util.regex.Pattern.compile("^Female\\b"))).click();
                    assertThat(page.getByText("Filtered: Female")).isVisible();
                    Axe.check(page, "the dashboard filtered by gender (" + screen + ")");

                    page.getByText("Columns", new Page.GetByTextOptions().setExact(true)).click();
                    assertThat(page.getByLabel("Favourite book")).isVisible();
                    Axe.check(page, "the dashboard with the column chooser open (" + screen + ")");
                    page.keyboard().press("Escape");


                    page.locator("#responses-table").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                            .setName(java.util.regex.Pattern.compile("^Delete response"))).first().click();
                    assertThat(page.getByRole(AriaRole.DIALOG)).isVisible();
                    Axe.check(page, "the delete confirmation (" + screen + ")");
                    page.keyboard().press("Escape");

                }
            }
        });
    }

    @Test
    void the_dashboard_paused_and_during_an_outage() {
        onFreshSite((server, client) -> {
            new Respondent(client).start();
            for (var screen : SurveySite.Screen.values()) {
                try (BrowserContext context = newContext(screen)) {
                    Page page = logIn(context, client.getOrigin() + "/dashboard");
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pause live updates")).click();
                    assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Paused");
                    Axe.check(page, "the paused dashboard (" + screen + ")");
                    if (screen == SurveySite.Screen.PHONE) {
                        server.stop();
                        assertThat(page.getByText("Connection lost.")).isVisible();
                        Axe.check(page, "the dashboard during an outage");
                        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                                .setPath(Path.of("/tmp/a11y-dashboard-outage.png")));
                    }
                }
            }
        });
    }

    @Test
    void the_dashboard_showing_an_error() {
        onFreshSite((server, client) -> {
            try (BrowserContext context = newContext(SurveySite.Screen.DESKTOP)) {
                Page page = logIn(context, client.getOrigin() + "/dashboard");
                page.route("**/api/surveys/default/responses?**", route -> route.fulfill(new com.microsoft.playwright
                        .Route.FulfillOptions().setStatus(503).setContentType("application/json")
                        .setBody("{\"error\":\"The database is unavailable.\"}")));
                page.getByLabel("Rows per page").selectOption("10");
                assertThat(page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions()
                        .setHasText("The database is unavailable."))).isVisible();
                Axe.check(page, "the dashboard showing an error");
            }
        });
    }

    @Test
    void the_login_page_before_and_after_a_wrong_password_in_light_and_dark() {
        onFreshSite((server, client) -> {
            for (var screen : SurveySite.Screen.values()) {
                for (var scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                    try (BrowserContext context = newContext(screen)) {
                        Page page = context.newPage();
                        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
                        String how = screen + ", " + scheme;
                        page.navigate(client.getOrigin() + "/login");
                        Axe.check(page, "the login page (" + how + ")");
                        page.getByLabel("Username").fill("admin");
                        page.getByLabel("Password").fill("wrong password");
                        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
                        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong username or password.");
                        Axe.check(page, "the login page after a wrong password (" + how + ")");
                    }
                }
            }
        });
    }

    @Test
    void the_home_and_survey_pages_with_and_without_errors_in_light_and_dark() {
        onFreshSite((server, client) -> {
            for (var screen : SurveySite.Screen.values()) {
                for (var scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                    try (BrowserContext context = newContext(screen)) {
                        Page page = context.newPage();
                        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
                        checkHomeAndSurvey(page, client.getOrigin(), screen + ", " + scheme);
                    }
                }
            }
        });
    }

    private static void checkHomeAndSurvey(Page page, String origin, String how) {
        page.navigate(origin + "/");
        Axe.check(page, "the home page (" + how + ")");
        var survey = new SurveyPage(page).open(origin + "/survey");
        Axe.check(page, "the survey's first step (" + how + ")");
        survey.fill("Email", "not an email");
        survey.button("Next").click();
        assertThat(survey.alert()).isVisible();
        Axe.check(page, "the survey's first step refused (" + how + ")");
    }

    @Test
    void the_survey_list_and_the_builder_new_with_errors_and_editing() {
        onFreshSite((server, client) -> {
            for (var screen : SurveySite.Screen.values()) {
                try (BrowserContext context = newContext(screen)) {
                    Page page = context.newPage();
                    page.navigate(client.getOrigin() + "/surveys");
                    page.getByLabel("Username").fill("admin");
                    page.getByLabel("Password").fill(livesurvey.Backend.ADMIN_PASSWORD);
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
                    assertThat(page.getByText("Tell us about yourself").first()).isVisible();
                    Axe.check(page, "the survey list (" + screen + ")");

                    page.navigate(client.getOrigin() + "/surveys/new");
                    assertThat(page.getByLabel("Title")).isVisible();
                    Axe.check(page, "the builder, a new survey (" + screen + ")");
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save survey")).click();
                    assertThat(page.getByRole(AriaRole.ALERT).first()).isVisible();
                    Axe.check(page, "the builder refusing to save (" + screen + ")");
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                            .setPath(Path.of("/tmp/a11y-builder-error-" + screen + ".png")));

                    page.navigate(client.getOrigin() + "/surveys/default/edit");
                    assertThat(page.getByLabel("Title")).hasValue("Tell us about yourself");
                    Axe.check(page, "the builder editing the default survey (" + screen + ")");
                }
            }
        });
    }

    private static BrowserContext newContext(SurveySite.Screen screen) {
        return Dashboards.newContext(browsers, screen);
    }
}
