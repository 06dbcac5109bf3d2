package livesurvey.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import livesurvey.Backend;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hostile answers on the most privileged page: shown as text, nothing runs, the CSP never has to step in. */
class DashboardXssTest extends ServerAndBrowser {
    private static final String IMG = "<img src=x onerror=\"window.__xss=1\">";
    private static final String BREAKOUT = "\"><svg onload=window.__xss=2>";

    @Test
    void a_stored_img_onerror_answer_shows_as_text_and_runs_nothing() {
        db.test((server, client) -> {
            var mallory = new Respondent(client);
            mallory.start();
            assertEquals(200, mallory.answer("name", IMG).code());
            assertEquals(200, mallory.answer("about", BREAKOUT).code());
            try (BrowserContext context = browsers.browser().newContext()) {
                Page page = context.newPage();
                List<String> problems = new ArrayList<>();
                page.onConsoleMessage(m -> {
                    if (m.text().contains("Content Security Policy")) {
                        problems.add(m.text());
                    }
                });
                page.onPageError(e -> problems.add("page error: " + e));
                page.navigate(client.getOrigin() + "/dashboard");
                page.getByLabel("Username").fill("admin");
                page.getByLabel("Password").fill(Backend.ADMIN_PASSWORD);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
                var table = page.locator("#responses-table");
                assertThat(table.getByText(IMG, new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true)))
                        .isVisible();
                assertThat(table.getByText(BREAKOUT, new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true)))
                        .isVisible();
                assertThat(table.locator("img[src='x'], svg[onload]")).hasCount(0);
                assertEquals(false, page.evaluate("() => 'xss' in window || '__xss' in window"));
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("/tmp/dashboard-xss.png")));
                assertEquals(List.of(), problems);
            }
        });
    }
}
