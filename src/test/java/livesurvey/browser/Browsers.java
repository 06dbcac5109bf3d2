package livesurvey.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Debian Chromium driven by Playwright. Where no Chromium is installed the browser tests
 * skip with a message, unless LIVESURVEY_REQUIRE_BROWSER is set (CI), where they fail instead.
 */
public final class Browsers implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LIVESURVEY_CHROMIUM", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final Browser browser;

    private Browsers(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Launches Chromium, or skips the calling test class when there is none and CI does not require it. */
    public static Browsers launch() {
        boolean required = System.getenv("LIVESURVEY_REQUIRE_BROWSER") != null;
        if (!Files.isExecutable(CHROMIUM)) {
            String message = "No Chromium at " + CHROMIUM + ": browser tests skipped (apt-get install chromium)";
            if (required) {
                throw new IllegalStateException(message.replace("skipped", "required by LIVESURVEY_REQUIRE_BROWSER"));
            }
            Assumptions.abort(message);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
        return new Browsers(playwright, browser);
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
