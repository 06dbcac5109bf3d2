package livesurvey.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import livesurvey.Respondent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static livesurvey.browser.Dashboards.logIn;
import static livesurvey.browser.Dashboards.onFreshSite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard with the keyboard alone (the table is one Tab stop; arrows move between cells) and
 * with a screen reader's ears: arrivals are announced politely, in one sentence, never per keystroke.
 */
class DashboardKeyboardTest {
    private static Browsers browsers;

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void close() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @Test
    void moves_between_cells_sorts_pages_chooses_columns_and_deletes_with_the_keyboard_alone() {
        onFreshSite((server, client) -> {
            for (int i = 1; i <= 12; i++) {
                var r = new Respondent(client);
                r.start();
                r.answer("name", String.format("Person %02d", i));
                r.answer("email", String.format("person%02d@example.com", i));
            }
            try (BrowserContext context = Dashboards.newContext(browsers, SurveySite.Screen.DESKTOP)) {
                Page page = logIn(context, client.getOrigin() + "/dashboard");
                page.getByLabel("Rows per page").selectOption("10");
                Locator range = page.locator("#page-range");
                assertThat(range).hasText("1–10 of 12");

                tabIntoTheTable(page);
                assertEquals("Person 12", focusedText(page), "the newest response's first cell");
                page.keyboard().press("ArrowRight");
                assertEquals("mailto:person12@example.com", page.evaluate("document.activeElement.getAttribute('href')"));
                page.keyboard().press("ArrowDown");
                assertEquals("person11@example.com", focusedText(page));
                page.keyboard().press("End");
                assertEquals("Delete response 11", page.evaluate("document.activeElement.getAttribute('aria-label')"));

                page.keyboard().press("Control+Home");
                Locator nameHeader = page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Name"));
                assertTrue(focusedIsIn(nameHeader), "Ctrl+Home goes to the first header");
                page.keyboard().press("Enter");
                assertThat(nameHeader).hasAttribute("aria-sort", "ascending");
                assertThat(firstCell(page)).hasText("Person 01");

                page.keyboard().press("ArrowDown");
                page.keyboard().press("PageDown");
                assertThat(range).hasText("11–12 of 12");
                assertThat(firstCell(page)).hasText("Person 11");
                assertThat(page.locator("#responses-table :focus")).hasCount(1);
                page.keyboard().press("PageUp");
                assertThat(range).hasText("1–10 of 12");

                page.keyboard().press("ArrowDown");
                assertEquals("Person 02", focusedText(page));
                page.keyboard().press("Delete");
                Locator dialog = page.getByRole(AriaRole.DIALOG);
                assertThat(dialog).containsText("Person 02");
                page.keyboard().press("Escape");
                assertThat(dialog).isHidden();
                assertEquals("Person 02", focusedText(page), "focus comes back to where it was");

                page.keyboard().press("Delete");
                assertThat(dialog).containsText("Person 02");
                // The dialog opens with Cancel focused; wait for it, so Tab starts from there.
                assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel"))).isFocused();
                page.keyboard().press("Tab"); // from Cancel to Delete
                assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")
                        .setExact(true))).isFocused();
                List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
                page.onRequestFinished(r -> requests.add(r.method() + " " + r.url().replaceFirst("^https?://[^/]+", "")
                        + " " + (r.response() == null ? "-" : r.response().status())));
                page.keyboard().press("Enter");
                try {
                    assertThat(range).hasText("1–10 of 11");
                } catch (AssertionError e) {
                    // What the page showed and asked, to tell a refused delete from one never sent.
                    page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/keyboard-delete.png")));
                    throw new AssertionError(e.getMessage() + "\nbanners: " + page.locator("[role=alert]:visible").allInnerTexts()
                            + "\ndialog open: " + page.locator("dialog[open]").count() + ", focused: "
                            + page.evaluate("document.activeElement.outerHTML.slice(0, 200)") + "\nrequests: " + requests, e);
                }
                assertThat(page.locator("#responses-table")).not().containsText("Person 02");
                assertThat(page.locator("#responses-table :focus")).hasCount(1);
                assertEquals("Person 03", focusedText(page), "focus stays on the same row of the table");

                page.keyboard().press("Shift+Tab");
                assertEquals("Columns", focusedText(page));
                page.keyboard().press("Enter");
                page.keyboard().press("Tab");
                assertEquals("Name", page.evaluate("document.activeElement.labels[0].textContent.trim()"));
                page.keyboard().press("Space");
                assertThat(nameHeader).isHidden();
                page.keyboard().press("Escape");
                assertEquals("Columns", focusedText(page));
                assertThat(page.getByLabel("Favourite book")).isHidden();
                Axe.check(page, "the dashboard after keyboard use");
            }
        });
    }

    @Test
    void new_responses_are_announced_politely_in_one_sentence_and_keystrokes_not_at_all() {
        onFreshSite((server, client) -> {
            try (BrowserContext context = Dashboards.newContext(browsers, SurveySite.Screen.DESKTOP)) {
                Page page = logIn(context, client.getOrigin() + "/dashboard");
                Locator region = page.locator("#announcements");
                assertThat(region).hasAttribute("aria-live", "polite");
                page.evaluate("() => { window.said = []; new MutationObserver(() => window.said.push("
                        + "document.getElementById('announcements').textContent))"
                        + ".observe(document.getElementById('announcements'), {childList: true, subtree: true,"
                        + " characterData: true}); }");

                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pause live updates")).click();
                var respondents = List.of(new Respondent(client), new Respondent(client), new Respondent(client));
                respondents.forEach(Respondent::start);
                assertThat(page.locator("#live-text")).hasText("Paused · 3 updates waiting");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume live updates")).click();
                assertThat(region).hasText("3 new responses");

                Respondent typist = respondents.get(0);
                String name = "Keystrokes Are Not News";
                for (int i = 1; i <= name.length(); i++) {
                    typist.answer("name", name.substring(0, i));
                }
                assertThat(page.locator("#responses-table")).containsText(name);
                typist.completeWith(name, "typist@example.com", "40", "other", List.of("red"));
                assertThat(region).hasText("1 response completed");
                assertEquals(List.of("3 new responses", "1 response completed"), page.evaluate("window.said"));
            }
        });
    }

    @Test
    void an_admin_downloads_then_erases_a_respondents_data_from_the_dashboard() {
        onFreshSite((server, client) -> {
            long ada = new Respondent(client).completeWith("Ada Asks", "ada.asks@example.com", "36", "female",
                    List.of("red")).get("id").asLong();
            new Respondent(client).completeWith("Ben Stays", "ben.stays@example.com", "44", "male", List.of("blue"));
            try (BrowserContext context = Dashboards.newContext(browsers, SurveySite.Screen.DESKTOP)) {
                Page page = logIn(context, client.getOrigin() + "/dashboard");
                Locator table = page.locator("#responses-table");
                assertThat(table).containsText("Ada Asks");
                assertThat(page.getByLabel("Question")).hasValue("email");
                page.getByLabel("Answer").fill(" ADA.asks@example.com ");

                var download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Download their data")).click());
                String json = readAll(download.path());
                assertTrue(json.contains("Ada Asks") && !json.contains("Ben Stays"), json);
                Locator result = page.locator("#respondent-result");
                assertThat(result).hasText("1 response found with Email “ADA.asks@example.com”; downloaded.");
                Axe.check(page, "the dashboard after downloading a respondent's data");

                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Erase their data")).click();
                Locator dialog = page.getByRole(AriaRole.DIALOG);
                assertThat(dialog).containsText("Every response with Email “ADA.asks@example.com”.");
                Axe.check(page, "the erase confirmation");
                dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Erase")).click();

                assertThat(result).hasText("Erased 1 response with Email “ADA.asks@example.com”.");
                assertThat(table).not().containsText("Ada Asks");
                assertThat(table).containsText("Ben Stays");
                assertEquals(404, livesurvey.Admin.loggedIn(client).response(ada).code());
                page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(java.nio.file.Path.of(
                        "/tmp/respondent-data.png")));
            }
        });
    }

    private static String readAll(java.nio.file.Path path) {
        try {
            return java.nio.file.Files.readString(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Presses Tab from the top of the page until focus is in the table, as a keyboard user would. */
    private static void tabIntoTheTable(Page page) {
        page.locator("body").focus();
        for (int i = 0; i < 40 && page.locator("#responses-table :focus").count() == 0; i++) {
            page.keyboard().press("Tab");
        }
        assertThat(page.locator("#responses-table :focus")).hasCount(1);
    }

    private static String focusedText(Page page) {
        return ((String) page.evaluate("document.activeElement.textContent")).replace("typing…", "").trim();
    }

    private static boolean focusedIsIn(Locator locator) {
        return (Boolean) locator.evaluate("(el) => el.contains(document.activeElement)");
    }

    private static Locator firstCell(Page page) {
        return page.locator("#responses-table .tabulator-row").first().locator("[tabulator-field='answers.name'] .cell-text");
    }
}
