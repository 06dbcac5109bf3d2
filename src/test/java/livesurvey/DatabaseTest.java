package livesurvey;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test class that runs once per database under test (H2 always, MariaDB/MySQL when
 * LIVESURVEY_TEST_DATABASE_URL names one), each run on a database of its own, dropped afterwards.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("livesurvey.Backend#all")
public abstract class DatabaseTest {
    @Parameter
    protected Backend db;

    @AfterParameterizedClassInvocation
    static void closeDatabase(Backend db) {
        db.close();
    }
}
