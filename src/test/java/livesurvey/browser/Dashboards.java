package livesurvey.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.javalin.testtools.TestCase;
import livesurvey.Backend;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Steps shared by the dashboard's accessibility tests: a fresh site, and an admin logged in on it. */
final class Dashboards {
    private Dashboards() {
    }

    /** Runs the test against a server on a database of its own, so "empty" means empty. */
    static void onFreshSite(TestCase test) {
        try (Backend db = Backend.h2()) {
            db.test(test);
        }
    }

    /** Opens a page that needs an admin, logs in on the form it is sent to, and waits for the dashboard to go live. */
    static Page logIn(BrowserContext context, String dashboardUrl) {
        Page page = context.newPage();
        page.navigate(dashboardUrl);
        page.getByLabel("Username").fill("admin");
        page.getByLabel("Password").fill(Backend.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#live-status")).hasText("Live");
        return page;
    }

    static BrowserContext newContext(Browsers browsers, SurveySite.Screen screen) {
        var options = new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(screen.width, screen.height).setLocale("en-GB");
        if (screen == SurveySite.Screen.PHONE) {
            options.setIsMobile(true).setHasTouch(true);
        }
        return browsers.browser().newContext(options);
    }
}
