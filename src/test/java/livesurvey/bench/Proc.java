package livesurvey.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** CPU time of another process, from /proc: it does not move with what the neighbours do. */
final class Proc {
    /** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private Proc() {
    }

    /** User plus system CPU time of the process so far, in nanoseconds; 0 when it cannot be read. */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The oldest local mariadbd/mysqld: the service on 3306, not a test cluster started later. */
    static Optional<Long> databaseServer() {
        for (String name : new String[] {"mariadbd", "mysqld"}) {
            try {
                Process p = new ProcessBuilder("pgrep", "-o", "-x", name).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (p.waitFor() == 0 && !out.isEmpty()) {
                    return Optional.of(Long.parseLong(out.lines().findFirst().orElseThrow()));
                }
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** CPU of a set of processes over one measured window. */
    record Window(long serverNanos, long databaseNanos) {
        static Window sample(long serverPid, Optional<Long> databasePid) {
            return new Window(cpuNanos(serverPid), databasePid.map(Proc::cpuNanos).orElse(0L));
        }

        Window minus(Window before) {
            return new Window(serverNanos - before.serverNanos, databaseNanos - before.databaseNanos);
        }
    }
}
