package livesurvey.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.options.ViewportSize;
import io.javalin.Javalin;
import livesurvey.Backend;
import livesurvey.web.Json;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A LiveSurvey server on a fresh H2 database plus headless Chromium: what a browser test class
 * needs. Browser tests run on H2 only; the API tests cover MariaDB.
 */
final class SurveySite implements AutoCloseable {
    /** The two screens every flow is checked on. */
    enum Screen {
        DESKTOP(1280, 800), PHONE(360, 740);

        final int width;
        final int height;

        Screen(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private final Browsers browsers;
    private final Backend db;
    private final Javalin server;

    SurveySite() {
        this.browsers = Browsers.launch();
        this.db = Backend.h2();
        this.server = db.app().javalin().start(0);
    }

    String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    /** A fresh browser profile: no cookies, empty localStorage. */
    BrowserContext newContext(Screen screen) {
        return browsers.browser().newContext(options(screen));
    }

    /** A browser profile restored from an earlier one's cookies and localStorage (a browser restart). */
    BrowserContext reopen(Screen screen, String storageState) {
        return browsers.browser().newContext(options(screen).setStorageState(storageState));
    }

    private Browser.NewContextOptions options(Screen screen) {
        var options = new Browser.NewContextOptions()
                .setViewportSize(new ViewportSize(screen.width, screen.height))
                .setLocale("en-GB");
        if (screen == Screen.PHONE) {
            options.setIsMobile(true).setHasTouch(true);
        }
        return options;
    }

    /** This browser's response as the API tells it (the context's own cookie). */
    JsonNode storedResponse(BrowserContext context) {
        var reply = context.request().get(url("/api/surveys/default/responses/me"));
        try {
            return Json.MAPPER.readTree(reply.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        db.close();
        browsers.close();
    }
}
