package livesurvey.trends;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import livesurvey.Backend;
import livesurvey.Respondent;
import livesurvey.browser.ServerAndBrowser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** An admin watching a survey's trends and drop-off on the dashboard while people answer it. */
class TrendsPageTest extends ServerAndBrowser {
    @Test
    void the_funnel_and_the_trend_follow_new_responses_live() {
        db.test((server, client) -> {
            try (BrowserContext context = browsers.browser().newContext()) {
                Page page = context.newPage();
                page.navigate(client.getOrigin() + "/dashboard");
                page.getByLabel("Username").fill("admin");
                page.getByLabel("Password").fill(Backend.ADMIN_PASSWORD);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
                var funnel = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions()
                        .setName("Responses that reached each step"));
                assertThat(funnel).containsText("Step 1: 0");
                assertThat(page.locator("#trend-totals")).hasText("0 started, 0 completed in the last 48 hours");
                assertThat(page.locator("#live-text")).hasText("Live");

                new Respondent(client).completeWith("Ann", "ann@example.com", "34", "female", List.of("red"));
                new Respondent(client).start();

                assertThat(funnel).containsText("Step 1: 2 (100 %)");
                assertThat(funnel).containsText("Step 4: 1 (50 %)");
                assertThat(funnel).containsText("Completed: 1 (50 %)");
                assertThat(page.locator("#trend-totals")).hasText("2 started, 1 completed in the last 48 hours");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Last 90 days")).click();
                assertThat(page.locator("#trend-totals")).hasText("2 started, 1 completed in the last 90 days");
                page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("/tmp/trends.png"))
                        .setFullPage(true));
            }
        });
    }
}
