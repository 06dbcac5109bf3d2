package livesurvey.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Swagger UI at /docs renders the generated document under the strict CSP and makes calls from the browser. */
class DocsPageTest extends ServerAndBrowser {
    @Test
    void an_admin_can_read_the_docs_and_try_a_call_without_any_csp_violation() {
        db.test((server, client) -> {
            try (BrowserContext context = browsers.browser().newContext()) {
                Page page = context.newPage();
                List<String> violations = new ArrayList<>();
                page.onConsoleMessage(m -> {
                    if (m.text().contains("Content Security Policy") || m.type().equals("error")) {
                        violations.add(m.type() + ": " + m.text());
                    }
                });
                page.onPageError(e -> violations.add("page error: " + e));
                page.onResponse(r -> {
                    if (r.status() >= 400) {
                        violations.add(r.status() + " " + r.url());
                    }
                });
                page.navigate(client.getOrigin() + "/docs");
                assertThat(page.getByText("LiveSurvey API").first()).isVisible();
                var definition = page.locator("#operations-respondent-getSurveysBySlug");
                definition.locator(".opblock-summary").click();
                definition.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                        .setName("Try it out")).click();
                definition.getByPlaceholder("slug").fill("default");
                definition.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                        .setName("Execute")).click();
                assertThat(definition.locator(".live-responses-table tbody .response-col_status").first()).hasText("200");
                assertThat(definition.locator(".live-responses-table")).containsText("Favourite colours");
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("/tmp/docs-desktop.png")).setFullPage(false));
                page.setViewportSize(360, 800);
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("/tmp/docs-360.png")));
                assertEquals(List.of(), violations);
            }
        });
    }
}
