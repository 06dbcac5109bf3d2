package livesurvey.admin;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import livesurvey.Backend;
import livesurvey.browser.Browsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The log-in page as an admin uses it, in Chromium, on H2. */
class LoginPageTest {
    private static Browsers browsers;
    private static Backend db;

    @BeforeAll
    static void start() {
        browsers = Browsers.launch();
        db = Backend.all().findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void the_dashboard_sends_you_to_log_in_and_back_after_a_wrong_then_a_right_password() {
        db.test((server, client) -> {
            String base = "http://localhost:" + server.port();
            try (BrowserContext context = browsers.browser().newContext()) {
                Page page = context.newPage();
                page.navigate(base + "/dashboard");
                assertThat(page).hasURL(base + "/login?next=%2Fdashboard");
                assertThat(page.getByRole(AriaRole.HEADING)).hasText("Admin log in");
                page.getByLabel("Username").fill("admin");
                page.getByLabel("Password").fill("wrong password");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
                assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong username or password.");
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("/tmp/login-error-desktop.png")));

                page.getByLabel("Password").fill(Backend.ADMIN_PASSWORD);
                page.getByLabel("Password").press("Enter");
                assertThat(page).hasURL(base + "/dashboard");
            }
        });
    }

    @Test
    void next_may_only_lead_to_a_page_of_this_site() {
        db.test((server, client) -> {
            String base = "http://localhost:" + server.port();
            try (BrowserContext context = browsers.browser().newContext(new com.microsoft.playwright.Browser
                    .NewContextOptions().setViewportSize(360, 740))) {
                Page page = context.newPage();
                page.navigate(base + "/login?next=//evil.example/steal");
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("/tmp/login-phone.png")));
                page.getByLabel("Username").fill("admin");
                page.getByLabel("Password").fill(Backend.ADMIN_PASSWORD);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
                assertThat(page).hasURL(base + "/dashboard");
            }
        });
    }
}
