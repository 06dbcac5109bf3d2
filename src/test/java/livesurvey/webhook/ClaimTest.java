package livesurvey.webhook;

import livesurvey.Database;
import livesurvey.DatabaseTest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Row claims: dispatchers of two instances racing for the same due deliveries each win different ones. */
class ClaimTest extends DatabaseTest {

    @Test
    void racing_dispatchers_claim_each_due_delivery_exactly_once() throws Exception {
        boolean mysql = db.config().databaseUrl().startsWith("jdbc:mysql:");
        try (Database one = Database.open(db.config()); Database two = Database.open(db.config())) {
            List<Long> queued = queue(one.jdbi(), 60);
            List<Dispatcher> dispatchers = List.of(
                    new Dispatcher(one.jdbi(), WebhookSettings.DEFAULTS, Clock.systemUTC(), mysql),
                    new Dispatcher(two.jdbi(), WebhookSettings.DEFAULTS, Clock.systemUTC(), mysql));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Long>>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Dispatcher d = dispatchers.get(i % 2);
                racers.add(pool.submit(() -> {
                    go.await();
                    List<Long> won = new ArrayList<>();
                    for (int round = 0; round < 40; round++) {
                        d.claim(3).forEach(c -> won.add(c.id()));
                    }
                    return won;
                }));
            }
            go.countDown();
            Map<Long, Integer> wins = new HashMap<>();
            for (Future<List<Long>> racer : racers) {
                racer.get(60, TimeUnit.SECONDS).forEach(id -> wins.merge(id, 1, Integer::sum));
            }
            pool.shutdown();
            assertEquals(queued.size(), wins.size(), "every due delivery was claimed");
            assertTrue(wins.keySet().containsAll(queued));
            assertEquals(Collections.singleton(1), new java.util.HashSet<>(wins.values()), "none twice: " + wins);
        }
    }

    /** An endpoint with {@code count} deliveries due now. */
    private static List<Long> queue(Jdbi jdbi, int count) {
        return jdbi.inTransaction(h -> {
            WebhookDao dao = h.attach(WebhookDao.class);
            long surveyId = h.createQuery("SELECT id FROM surveys WHERE slug = 'default'").mapTo(Long.class).one();
            long endpoint = dao.insertEndpoint(surveyId, "https://example.com/hook", WebhookOutbox.COMPLETED,
                    Signature.newSecret(), System.currentTimeMillis());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(dao.enqueue(endpoint, null, "evt_" + i, WebhookOutbox.COMPLETED, "{}", System.currentTimeMillis() - 1));
            }
            return ids;
        });
    }
}
