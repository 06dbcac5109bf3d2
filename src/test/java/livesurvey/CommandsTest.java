package livesurvey;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandsTest extends DatabaseTest {
    @Test
    void create_token_prints_a_token_once_that_opens_the_admin_api() {
        db.test((server, client) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Map<String, String> env = Map.of("DATABASE_URL", db.config().databaseUrl(),
                    "DATABASE_USER", db.config().databaseUser(), "DATABASE_PASSWORD", db.config().databasePassword());
            int status = Commands.run(new String[] {"create-token", "nightly-export"}, env,
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertEquals(0, status);
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertTrue(lines[0].contains("nightly-export"), lines[0]);
            Admin script = new Admin(client);
            script.useBearer(lines[1].strip());
            assertEquals(200, script.list("").code());
        });
    }

    @Test
    void create_token_without_a_name_says_how_to_use_it() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Commands.run(new String[] {"create-token"}, Map.of(), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("create-token <name>"));
    }
}
