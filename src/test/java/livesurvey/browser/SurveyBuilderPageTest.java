package livesurvey.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.javalin.Javalin;
import livesurvey.App;
import livesurvey.Config;
import livesurvey.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * An admin builds a survey in the builder, publishes it, watches it on its own dashboard while
 * someone takes it in another browser, then closes and deletes it from the survey list (issue 8).
 */
class SurveyBuilderPageTest {
    private static final String PASSWORD = "builder-test-password";
    private static final Path SHOTS = Path.of("target/screenshots");
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
        String url = "jdbc:h2:mem:build" + UUID.randomUUID().toString().replace("-", "")
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
    void an_admin_builds_a_survey_a_respondent_takes_it_and_its_dashboard_shows_every_summary_kind() {
        Page admin = logInAt("/surveys/new", 1280);
        admin.getByLabel("Title").fill("Team lunch");
        admin.getByLabel("Address (slug)").fill("team-lunch");

        Locator first = question(admin, 1, 1);
        first.getByLabel("Question", new Locator.GetByLabelOptions().setExact(true)).fill("Lunches out last month");
        first.getByLabel("Type").selectOption("Number");
        first.getByLabel("Whole numbers only").check();
        first.getByLabel("Required").check();
        first.getByLabel("Average").check();
        first.getByLabel("Distribution (bars)").check();

        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a step")).click();
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a question to step 2")).click();
        Locator day = question(admin, 2, 1);
        day.getByLabel("Question", new Locator.GetByLabelOptions().setExact(true)).fill("Best day");
        day.getByLabel("Type").selectOption("Single choice (buttons)");
        day.getByLabel("Option 1 label").fill("Tuesday");
        day.getByLabel("Option 1 value").fill("tue");
        day.getByLabel("Option 2 label").fill("Thursday");
        day.getByLabel("Option 2 value").fill("thu");
        day.getByLabel("Pie chart of the answers").check();

        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a question to step 2")).click();
        Locator food = question(admin, 2, 2);
        food.getByLabel("Question", new Locator.GetByLabelOptions().setExact(true)).fill("Food you like");
        food.getByLabel("Type").selectOption("Multiple choice (checkboxes)");
        food.getByLabel("Option 1 label").fill("Thai");
        food.getByLabel("Option 2 label").fill("Pizza");
        food.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Add an option"))).click();
        food.getByLabel("Option 3 label").fill("Sushi");
        food.getByLabel("Top 3 answers").check();
        assertThat(admin.locator("#preview")).containsText("Food you like");
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("builder-1280.png")).setFullPage(true));

        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save survey")).click();
        assertThat(admin.getByText("Saved (revision 1)")).isVisible();

        admin.navigate("/dashboard/team-lunch");
        assertThat(admin.getByRole(AriaRole.STATUS)).hasText("Live");
        assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Team lunch"))).isVisible();

        Page respondent = browser(1280).newPage();
        respondent.navigate("/survey/team-lunch");
        respondent.getByLabel("Lunches out last month").fill("4");
        respondent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next")).click();
        respondent.getByLabel("Tuesday").check();
        respondent.getByLabel("Pizza").check();
        respondent.getByLabel("Sushi").check();
        respondent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
        assertThat(respondent.getByText("Thank you! Your answers have been submitted.")).isVisible();

        assertThat(admin.locator("#responses-table .tabulator-row [tabulator-field='answers.lunches_out_last_month']"))
                .hasText("4");
        assertThat(card(admin, "Average lunches out last month").locator(".big")).hasText("4.0");
        assertThat(card(admin, "Lunches out last month")).containsText("4");
        assertThat(card(admin, "Best day").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName(Pattern.compile("^Tuesday")))).containsText("1 · 100 %");
        assertThat(card(admin, "Top food you like")).containsText("Pizza");
        assertThat(card(admin, "Top food you like")).containsText("Sushi");
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("new-dashboard-1280.png")).setFullPage(true));
        admin.setViewportSize(360, 800);
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("new-dashboard-360.png")).setFullPage(true));

        admin.setViewportSize(1280, 800);
        admin.navigate("/dashboard");
        assertThat(card(admin, "Average age").locator(".big")).hasText("—");
        assertThat(card(admin, "Gender")).isVisible();
        assertThat(card(admin, "Top colours")).isVisible();
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("default-dashboard-1280.png")));
    }

    @Test
    void the_survey_list_closes_and_deletes_a_survey_after_asking() {
        Page admin = logInAt("/surveys/new", 360);
        admin.getByLabel("Title").fill("Quick poll");
        admin.getByLabel("Address (slug)").fill("quick-poll");
        question(admin, 1, 1).getByLabel("Question", new Locator.GetByLabelOptions().setExact(true)).fill("Your name");
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("builder-360.png")).setFullPage(true));
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save survey")).click();
        assertThat(admin.getByText("Saved (revision 1)")).isVisible();

        admin.navigate("/surveys");
        Locator row = admin.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName(Pattern.compile("Quick poll")));
        assertThat(row).containsText("Open");
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("surveys-360.png")).setFullPage(true));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close “Quick poll”")).click();
        assertThat(row).containsText("Closed");

        Page respondent = browser(360).newPage();
        respondent.navigate("/survey/quick-poll");
        assertThat(respondent.getByText("This survey is closed.")).isVisible();

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete “Quick poll”")).click();
        admin.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Cancel")).click();
        assertThat(row).isVisible();
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete “Quick poll”")).click();
        admin.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Delete survey")).click();
        assertThat(admin.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName(Pattern.compile("Quick poll"))))
                .hasCount(0);
        assertThat(admin.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName(Pattern.compile("Tell us about yourself"))))
                .isVisible();
        admin.setViewportSize(1280, 800);
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Copy of “Tell us about yourself”")).click();
        assertThat(admin.getByLabel("Title")).hasValue("Copy of Tell us about yourself");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save survey")).click();
        assertThat(admin.getByText("Saved (revision 1)")).isVisible();
        admin.navigate("/surveys");
        assertThat(admin.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName(Pattern.compile("default-copy"))))
                .isVisible();
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("surveys-1280.png")).setFullPage(true));
    }

    @Test
    void an_admin_imports_a_definition_then_edits_the_live_survey_and_a_respondent_midway_sees_the_change()
            throws Exception {
        Page admin = logInAt("/surveys/new", 1280);
        admin.getByText("Import or export the JSON definition").click();
        admin.getByLabel("Definition (JSON)").fill(Files.readString(Path.of("examples/team-lunch.json")));
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load this JSON into the form")).click();
        assertThat(admin.getByLabel("Title")).hasValue("Team lunch");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save survey")).click();
        assertThat(admin.getByText("Saved (revision 1)")).isVisible();

        Page respondent = browser(360).newPage();
        respondent.navigate("/survey/team-lunch");
        respondent.getByLabel("Your name").fill("Ann");
        respondent.getByLabel("Lunches out last month").fill("3");

        admin.navigate("/surveys/team-lunch/edit");
        Locator bestDay = question(admin, 2, 1).getByLabel("Question", new Locator.GetByLabelOptions().setExact(true));
        assertThat(bestDay).hasValue("Best day");
        bestDay.fill("Best day for lunch");
        bestDay.press("Alt+ArrowDown");
        assertThat(question(admin, 2, 1).getByLabel("Question", new Locator.GetByLabelOptions().setExact(true)))
                .hasValue("Food you like");
        question(admin, 2, 1).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Move question “Food you like” down")).click();
        question(admin, 2, 2).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Move question “Food you like” up")).click();
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save survey")).click();
        assertThat(admin.getByText("Saved (revision 2)")).isVisible();
        admin.getByText("Import or export the JSON definition").click();
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show the current definition")).click();
        assertThat(admin.getByLabel("Definition (JSON)")).hasValue(Pattern.compile("Food you like[\\s\\S]*Best day for lunch"));

        respondent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next")).click();
        assertThat(respondent.getByText("Best day for lunch")).isVisible();
        assertThat(respondent.locator(".field").first()).containsText("Food you like");
        respondent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Previous")).click();
        assertThat(respondent.getByLabel("Your name")).hasValue("Ann");
        assertThat(respondent.getByLabel("Lunches out last month")).hasValue("3");
    }

    @Test
    void saving_shows_the_servers_errors_by_the_fields_they_belong_to() {
        Page admin = logInAt("/surveys/new", 1280);
        admin.getByLabel("Address (slug)").fill("Bad Slug");
        Locator first = question(admin, 1, 1);
        first.getByLabel("Type").selectOption("Single choice (dropdown)");
        first.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove option “Option 2”")).click();
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save survey")).click();
        assertThat(admin.getByRole(AriaRole.ALERT)).containsText("problems");
        assertThat(admin.getByLabel("Title")).hasAttribute("aria-invalid", "true");
        assertThat(admin.getByLabel("Address (slug)")).hasAttribute("aria-invalid", "true");
        assertThat(question(admin, 1, 1)).containsText("at least 2 options");
    }

    // --- a person's steps ---

    private BrowserContext browser(int width) {
        BrowserContext context = browsers.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(base).setViewportSize(width, 800));
        contexts.add(context);
        return context;
    }

    /** Opens an admin page in a fresh browser, which sends the admin to log in first. */
    private Page logInAt(String path, int width) {
        Page page = browser(width).newPage();
        page.navigate(path);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.waitForURL("**" + path);
        return page;
    }

    private static Locator question(Page page, int step, int number) {
        return page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(Pattern.compile("^Step " + step + " of")))
                .getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Question " + number).setExact(true));
    }

    private static Locator card(Page dashboard, String heading) {
        return dashboard.locator(".card", new Page.LocatorOptions().setHas(dashboard.getByRole(AriaRole.HEADING,
                new Page.GetByRoleOptions().setName(heading).setExact(true))));
    }
}
