package livesurvey.webhook;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.javalin.testtools.JavalinTest;
import livesurvey.App;
import livesurvey.Backend;
import livesurvey.browser.ServerAndBrowser;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An admin wiring a CRM to the survey from the dashboard's Webhooks section. */
class WebhooksPageTest extends ServerAndBrowser {
    @Test
    void admin_adds_an_endpoint_sends_a_test_event_and_sees_it_disabled_when_it_keeps_failing() throws Exception {
        WebhookSettings giveUpSoon = new WebhookSettings(true, Duration.ofMillis(100), Duration.ofMillis(300),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        try (Receiver receiver = new Receiver(); App app = new App(db.config().withWebhooks(giveUpSoon), db.database())) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                try (BrowserContext context = browsers.browser().newContext()) {
                    Page page = context.newPage();
                    page.navigate(client.getOrigin() + "/dashboard");
                    page.getByLabel("Username").fill("admin");
                    page.getByLabel("Password").fill(Backend.ADMIN_PASSWORD);
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
                    assertThat(page.getByText("No endpoints yet.")).isVisible();

                    page.getByLabel("Endpoint URL").fill(receiver.url());
                    page.getByLabel("Response deleted").check();
                    button(page, "Add endpoint").click();
                    assertThat(page.getByText("shown only this once")).isVisible();
                    Locator endpoint = page.locator(".webhook").filter(new Locator.FilterOptions().setHasText(receiver.url()));
                    assertThat(endpoint.getByText("Active")).isVisible();

                    endpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send test event")).click();
                    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
                    String secret = page.locator(".webhook-secret code").textContent();
                    assertTrue(receiver.accepted().get(0).signedWith(secret));
                    endpoint.getByText("Delivery log").click();
                    assertThat(endpoint.locator(".webhook-log")).containsText("delivered");

                    receiver.answer(500);
                    endpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send test event")).click();
                    assertThat(endpoint.getByRole(AriaRole.ALERT)).containsText("HTTP 500",
                            new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
                    assertThat(endpoint.getByText("Disabled", new Locator.GetByTextOptions().setExact(true))).isVisible();
                    assertEquals(0, endpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                            .setName("Send test event")).and(page.locator(":enabled")).count());
                }
            });
        }
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }
}
