package livesurvey.browser;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import io.javalin.Javalin;
import livesurvey.App;
import livesurvey.Config;
import livesurvey.Database;
import livesurvey.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dashboard as an admin uses it, next to people taking the survey in other browsers: what they
 * type shows up live, deletes reach every open dashboard, pause holds updates back, a dropped
 * connection is announced and recovers, and respondent text is never run as HTML.
 */
class DashboardPageTest {
    private static final String PASSWORD = "dashboard-test-password";
    private static Browsers browsers;

    private Database database;
    private App app;
    private Javalin server;
    private String base;
    private final List<BrowserContext> contexts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    }

    @AfterAll
    static void shutDown() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @BeforeEach
    void startServer() {
        String url = "jdbc:h2:mem:dash" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        Config config = new Config(0, url, "sa", "", false, PASSWORD);
        database = Database.open(config);
        app = new App(config, database);
        server = app.javalin().start(0);
        base = "http://localhost:" + server.port();
    }

    @AfterEach
    void stopServer() {
        contexts.forEach(BrowserContext::close);
        server.stop();
        app.close();
        database.close();
    }

    @Test
    void typed_answers_completion_and_summary_reach_the_dashboard_without_a_reload() {
        Page dashboard = openDashboard();
        dashboard.evaluate("window.sameDocument = true");
        assertThat(summary(dashboard, "Responses")).hasText("0");
        SurveyTaker ann = new SurveyTaker(newContext());

        long id = ann.start();
        ann.answer("name", "Ann Ex");
        Locator row = row(dashboard, id);
        assertThat(cell(row, "name")).containsText("Ann Ex");
        assertThat(cell(row, "name")).containsText("typing…");
        assertThat(cell(row, "completed")).hasText("No · step 1 of 4");
        assertThat(summary(dashboard, "Responses")).hasText("1");

        ann.answer("name", "Ann Example");
        ann.answer("email", "ann@example.com");
        assertThat(cell(row, "name").locator(".cell-text")).hasText("Ann Example");
        assertThat(cell(row, "email").getByRole(AriaRole.LINK)).hasAttribute("href", "mailto:ann@example.com");
        assertThat(cell(row, "email")).containsText("typing…");
        assertThat(cell(row, "name")).not().containsText("typing…");

        ann.completeRest("34", "female", List.of("blue", "green"));
        assertThat(cell(row, "completed")).hasText("Yes");
        assertThat(cell(row, "colours")).hasText("Blue, Green");
        assertThat(summary(dashboard, "Completed")).hasText("1");
        assertThat(summary(dashboard, "Average age")).hasText("34.0");
        assertThat(dashboard.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Female\\b"))))
                .containsText("1 · 100 %");
        assertThat(dashboard.locator(".card", new Page.LocatorOptions().setHasText("Top colours"))).containsText("Blue");
        assertThat(summary(dashboard, "Last updated")).hasText(Pattern.compile("just now|\\d+ s ago"));
        assertEquals(true, dashboard.evaluate("window.sameDocument"), "the dashboard was not reloaded");
    }

    @Test
    void a_deleted_response_leaves_every_open_dashboard() {
        Page first = openDashboard();
        Page second = openDashboard();
        long id = new SurveyTaker(newContext()).completeWith("Bea Gone", "bea@example.com");
        assertThat(row(second, id)).containsText("Bea Gone");

        row(first, id).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete response " + id)).click();
        Locator dialog = first.getByRole(AriaRole.DIALOG);
        assertThat(dialog).containsText("Bea Gone");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
        assertThat(dialog).isHidden();
        assertThat(row(first, id)).isVisible();

        row(first, id).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete response " + id)).click();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();

        assertThat(row(first, id)).hasCount(0);
        assertThat(row(second, id)).hasCount(0);
        assertThat(summary(second, "Responses")).hasText("0");
        assertThat(second.getByText("No responses yet.")).isVisible();
    }

    @Test
    void pause_holds_updates_back_and_resume_catches_up() {
        Page dashboard = openDashboard();
        SurveyTaker cai = new SurveyTaker(newContext());
        long id = cai.start();
        cai.answer("name", "Cai Before");
        Locator name = cell(row(dashboard, id), "name").locator(".cell-text");
        assertThat(name).hasText("Cai Before");

        dashboard.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pause live updates")).click();
        cai.answer("name", "Cai After");
        cai.answer("book", "Dune");

        assertThat(dashboard.getByRole(AriaRole.STATUS)).hasText(Pattern.compile("Paused · \\d+ updates? waiting"));
        assertThat(name).hasText("Cai Before");
        dashboard.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume live updates")).click();
        assertThat(name).hasText("Cai After");
        assertThat(cell(row(dashboard, id), "book")).containsText("Dune");
        assertThat(dashboard.getByRole(AriaRole.STATUS)).hasText("Live");
    }

    @Test
    void a_banner_shows_while_the_stream_is_down_and_clears_when_it_returns() {
        Page dashboard = openDashboard();
        Locator banner = dashboard.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("Connection lost"));
        assertThat(banner).isHidden();
        int port = server.port();

        server.stop();
        assertThat(banner).isVisible();
        assertThat(dashboard.getByRole(AriaRole.STATUS)).hasText("Reconnecting…");

        server = app.javalin().start(port);
        assertThat(banner).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(20_000));
        assertThat(dashboard.getByRole(AriaRole.STATUS)).hasText("Live");
        long id = new SurveyTaker(newContext()).completeWith("Dee Back", "dee@example.com");
        assertThat(row(dashboard, id)).containsText("Dee Back");
    }

    @Test
    void changes_made_while_the_stream_was_down_are_replayed_on_reconnect_without_reloading_the_table() {
        // The respondent uses another server of the same app, which stays up throughout.
        Javalin other = app.javalin().start(0);
        try {
            BrowserContext elsewhere = browsers.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setBaseURL("http://localhost:" + other.port()));
            contexts.add(elsewhere);
            SurveyTaker gus = new SurveyTaker(elsewhere);
            long id = gus.start();
            gus.answer("name", "Gus Before");

            Page dashboard = newContext().newPage();
            List<String> pageLoads = new CopyOnWriteArrayList<>();
            dashboard.onRequest(r -> {
                if (r.url().contains("/responses?")) {
                    pageLoads.add(r.url());
                }
            });
            dashboard.navigate("/dashboard");
            dashboard.getByLabel("Password").fill(PASSWORD);
            dashboard.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            dashboard.waitForURL("**/dashboard");
            Locator name = cell(row(dashboard, id), "name").locator(".cell-text");
            assertThat(name).hasText("Gus Before");
            // The first page, then the same page again once the stream has joined: two loads.
            dashboard.waitForCondition(() -> pageLoads.size() >= 2); // Playwright delivers events while it waits
            assertThat(dashboard.getByRole(AriaRole.STATUS)).hasText("Live");
            int loadsBefore = pageLoads.size();

            int port = server.port();
            server.stop();
            assertThat(dashboard.getByRole(AriaRole.STATUS)).hasText("Reconnecting…");
            gus.answer("name", "Gus During");
            server = app.javalin().start(port);

            assertThat(name).hasText("Gus During", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
            assertThat(dashboard.getByRole(AriaRole.STATUS)).hasText("Live");
            assertEquals(loadsBefore, pageLoads.size(), "the missed change was replayed from Last-Event-ID, not reloaded: "
                    + pageLoads);
        } finally {
            other.stop();
        }
    }

    @Test
    void a_change_between_the_first_page_and_the_stream_opening_is_not_missed() {
        SurveyTaker hal = new SurveyTaker(newContext());
        long[] id = {0};
        Page dashboard = newContext().newPage();
        // The survey is completed after the first page was fetched, before the event stream opens.
        dashboard.route("**/api/surveys/default/events*", route -> {
            if (id[0] == 0) {
                id[0] = hal.completeWith("Hal Between", "hal@example.com");
            }
            route.resume();
        });
        dashboard.navigate("/dashboard");
        dashboard.getByLabel("Password").fill(PASSWORD);
        dashboard.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        dashboard.waitForURL("**/dashboard");
        assertThat(dashboard.getByRole(AriaRole.STATUS)).hasText("Live");
        assertThat(row(dashboard, id[0])).containsText("Hal Between");
        assertThat(summary(dashboard, "Completed")).hasText("1");
    }

    @Test
    void a_stored_html_answer_shows_as_literal_text_and_runs_nothing() {
        Page dashboard = openDashboard();
        List<String> dialogs = new CopyOnWriteArrayList<>();
        List<String> requests = new CopyOnWriteArrayList<>();
        dashboard.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        dashboard.onRequest(r -> requests.add(r.url()));
        String payload = "<img src=x onerror=alert(document.cookie)>";
        String about = "<script>alert(2)</script><b>bold</b>";
        SurveyTaker eve = new SurveyTaker(newContext());
        long id = eve.start();
        eve.answer("name", payload);
        eve.answer("about", about);

        Locator row = row(dashboard, id);
        assertThat(cell(row, "name").locator(".cell-text")).hasText(payload);
        assertThat(cell(row, "about").locator(".cell-text")).hasText(about);
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete response " + id)).click();
        assertThat(dashboard.getByRole(AriaRole.DIALOG)).containsText(payload);
        dashboard.keyboard().press("Escape");

        assertThat(dashboard.locator("#responses-table img, #responses-table script, #responses-table b, dialog img"))
                .hasCount(0);
        assertEquals(List.of(), dialogs, "no alert ran");
        assertEquals(List.of(), requests.stream().filter(u -> u.endsWith("/x")).toList(), "no image was loaded");
    }

    @Test
    void the_gender_legend_and_pie_filter_the_table_and_the_chip_clears_it() {
        Page dashboard = openDashboard();
        long fay = new SurveyTaker(newContext()).completeWith("Fay Female", "fay@example.com", "30", "female");
        long max = new SurveyTaker(newContext()).completeWith("Max Male", "max@example.com", "40", "male");
        assertThat(row(dashboard, max)).isVisible();

        dashboard.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Female\\b"))).click();
        assertThat(dashboard.getByText("Filtered: Female")).isVisible();
        assertThat(row(dashboard, max)).hasCount(0);
        assertThat(row(dashboard, fay)).isVisible();
        assertThat(dashboard.locator("#page-range")).hasText("1–1 of 1");

        dashboard.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Clear the filter")).click();
        assertThat(row(dashboard, max)).isVisible();
        assertThat(dashboard.locator("#page-range")).hasText("1–2 of 2");

        // Half female (drawn first, clockwise from twelve o'clock: the right half), half male.
        Locator pie = dashboard.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(Pattern.compile("^Gender")));
        var box = pie.boundingBox();
        pie.click(new Locator.ClickOptions().setPosition(box.width * 0.25, box.height * 0.5));
        assertThat(dashboard.getByText("Filtered: Male")).isVisible();
        assertThat(row(dashboard, fay)).hasCount(0);
        assertThat(row(dashboard, max)).isVisible();
    }

    @Test
    void pages_through_responses_remembers_the_chosen_columns_and_logs_out() {
        Page dashboard = openDashboard();
        SurveyTaker many = new SurveyTaker(newContext());
        for (int i = 1; i <= 27; i++) {
            many.startAnother();
        }
        assertThat(dashboard.locator("#page-range")).hasText("1–25 of 27");
        dashboard.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next page")).click();
        assertThat(dashboard.locator("#page-range")).hasText("26–27 of 27");
        assertThat(dashboard.locator("#responses-table .tabulator-row")).hasCount(2);

        dashboard.getByText("Columns", new Page.GetByTextOptions().setExact(true)).click();
        dashboard.getByLabel("Favourite book").uncheck();
        Locator bookHeader = dashboard.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Favourite book"));
        assertThat(bookHeader).isHidden();
        dashboard.reload();
        assertThat(dashboard.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Started"))).isVisible();
        assertThat(bookHeader).isHidden();

        dashboard.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        dashboard.waitForURL("**/login");
        dashboard.navigate("/dashboard");
        assertThat(dashboard.getByLabel("Password")).isVisible();
    }

    // --- a person's steps ---

    private BrowserContext newContext() {
        BrowserContext context = browsers.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(base));
        contexts.add(context);
        return context;
    }

    /** Opens /dashboard in a fresh browser, which sends the admin to log in first. */
    private Page openDashboard() {
        Page page = newContext().newPage();
        page.navigate("/dashboard");
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.waitForURL("**/dashboard");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Live");
        return page;
    }

    private static Locator row(Page dashboard, long id) {
        return dashboard.locator("#responses-table .tabulator-row[data-response-id='" + id + "']");
    }

    private static Locator cell(Locator row, String column) {
        String field = switch (column) {
            case "started" -> "startedAt";
            case "updated" -> "updatedAt";
            case "completed" -> "completed";
            default -> "answers." + column;
        };
        return row.locator("[tabulator-field='" + field + "']");
    }

    private static Locator summary(Page dashboard, String heading) {
        return dashboard.locator(".card", new Page.LocatorOptions().setHas(dashboard.getByRole(AriaRole.HEADING,
                new Page.GetByRoleOptions().setName(heading).setExact(true)))).locator(".big");
    }

    /** Someone taking the survey in another browser, through the respondent API with that browser's cookie. */
    private static final class SurveyTaker {
        private final BrowserContext browser;

        SurveyTaker(BrowserContext browser) {
            this.browser = browser;
        }

        long start() {
            return ok(browser.request().post("/api/surveys/default/responses")).get("id").asLong();
        }

        /** "Reset & retry", then a fresh response: one more row on the dashboard. */
        long startAnother() {
            browser.request().delete("/api/surveys/default/responses/me");
            return start();
        }

        void answer(String key, Object value) {
            ok(browser.request().put("/api/surveys/default/responses/me/answers/" + key,
                    RequestOptions.create().setData(Map.of("value", value))));
        }

        void step(int n) {
            ok(browser.request().post("/api/surveys/default/responses/me/steps/" + n));
        }

        long completeWith(String name, String email) {
            return completeWith(name, email, "30", "other");
        }

        long completeWith(String name, String email, String age, String gender) {
            long id = start();
            answer("name", name);
            answer("email", email);
            completeRest(age, gender, List.of("red"));
            return id;
        }

        /** Steps 1 to 4 from wherever the answers stand, then complete. */
        void completeRest(String age, String gender, List<String> colours) {
            step(1);
            answer("age", age);
            answer("about", "Hello");
            step(2);
            answer("gender", gender);
            step(3);
            answer("colours", colours);
            step(4);
            ok(browser.request().post("/api/surveys/default/responses/me/complete"));
        }

        private static com.fasterxml.jackson.databind.JsonNode ok(APIResponse response) {
            if (!response.ok()) {
                throw new AssertionError(response.status() + " " + response.text());
            }
            try {
                return Json.MAPPER.readTree(response.text());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
