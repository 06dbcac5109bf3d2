package livesurvey;

import livesurvey.admin.AdminAuth;
import livesurvey.response.Recount;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/** The command-line tasks besides serving: {@code java -jar livesurvey.jar create-token <name>} and {@code recount}. */
final class Commands {
    private Commands() {
    }

    /** Runs one command and returns the process exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args[0].equals("create-token") && args.length == 2) {
            try (Database database = Database.open(Config.fromEnv(env))) {
                String token = new AdminAuth(database.jdbi(), Clock.systemUTC()).createApiToken(args[1]);
                out.println("API token '" + args[1].strip() + "' (shown only this once; send it as "
                        + "Authorization: Bearer <token>):");
                out.println(token);
                return 0;
            } catch (StartupException | IllegalArgumentException e) {
                err.println("create-token failed: " + e.getMessage());
                return 1;
            }
        }
        if (args[0].equals("recount") && args.length == 1) {
            try (Database database = Database.open(Config.fromEnv(env))) {
                out.println("Recounted the summary counters of " + Recount.all(database.jdbi()) + " survey(s) from the rows.");
                return 0;
            } catch (StartupException e) {
                err.println("recount failed: " + e.getMessage());
                return 1;
            }
        }
        err.println("usage: java -jar livesurvey.jar [create-token <name> | recount]");
        return 2;
    }
}
