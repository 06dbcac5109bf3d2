package livesurvey.browser;

import livesurvey.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For a browser test class: Chromium and an app on a fresh H2 database, for the whole class. */
abstract class ServerAndBrowser {
    static Browsers browsers;
    static Backend db;

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
        db = Backend.h2();
    }

    @AfterAll
    static void close() {
        if (browsers != null) {
            browsers.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
