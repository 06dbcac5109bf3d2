package livesurvey.browser;

import livesurvey.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For a browser test class: Chromium and an app on a fresh H2 database, for the whole class. */
public abstract class ServerAndBrowser {
    protected static Browsers browsers;
    protected static Backend db;

    @BeforeAll
    public static void launch() {
        browsers = Browsers.launch();
        db = Backend.h2();
    }

    @AfterAll
    public static void close() {
        if (browsers != null) {
            browsers.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
