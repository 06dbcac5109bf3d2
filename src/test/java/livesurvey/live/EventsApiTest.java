package livesurvey.live;

import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.EventStream;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static livesurvey.EventStream.named;
import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventsApiTest extends DatabaseTest {
    static final Duration BOUND = Duration.ofSeconds(10);

    private static String events(int port) {
        return "http://127.0.0.1:" + port + "/api/surveys/default/events";
    }

    @Test
    void the_stream_needs_an_admin_and_a_respondent_cookie_is_not_one() {
        db.test((server, client) -> {
            try (var anonymous = new EventStream(events(server.port()), null, null)) {
                assertEquals(401, anonymous.status());
            }
            var ann = new Respondent(client);
            ann.start();
            try (var respondent = new EventStream(events(server.port()), ann.cookie(), null)) {
                assertEquals(401, respondent.status());
            }
        });
    }

    @Test
    void a_dashboard_gets_the_summary_at_once_then_each_keystroke_and_completion() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            try (var stream = new EventStream(events(server.port()), admin.cookie(), null)) {
                assertEquals(200, stream.status());
                stream.await(named("summary"), BOUND);
                var ann = new Respondent(client);
                long id = parse(ann.start()).get("id").asLong();
                ann.answer("name", "An");
                ann.answer("name", "Ann <b>typing</b>");
                EventStream.Event typed = stream.await(e -> "response".equals(e.name())
                        && e.data().get("id").asLong() == id
                        && "Ann <b>typing</b>".equals(e.data().at("/answers/name").asText()), BOUND);
                assertEquals("name", typed.data().get("editing").asText(), "the field being edited is named");

                long completedBefore = admin.summary().get("completed").asLong();
                new Respondent(client).completeWith("Bo", "bo.events@example.com", "40", "male", List.of("red"));
                // Within a batch the rows come first, then the summary after them.
                stream.await(e -> "response".equals(e.name()) && e.data().get("completed").asBoolean(), BOUND);
                stream.await(e -> "summary".equals(e.name())
                        && e.data().get("completed").asLong() == completedBefore + 1, BOUND);
            }
        });
    }

    @Test
    void a_delete_reaches_every_open_dashboard() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            var cat = new Respondent(client);
            long id = parse(cat.start()).get("id").asLong();
            try (var first = new EventStream(events(server.port()), admin.cookie(), null);
                 var second = new EventStream(events(server.port()), admin.cookie(), null)) {
                first.await(named("summary"), BOUND);
                second.await(named("summary"), BOUND);
                assertEquals(204, admin.delete(id).code());
                for (EventStream s : List.of(first, second)) {
                    s.await(e -> "deleted".equals(e.name()) && e.data().get("id").asLong() == id, BOUND);
                }
            }
        });
    }

    @Test
    void a_dashboard_that_reconnects_with_last_event_id_misses_nothing() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String lastId;
            try (var stream = new EventStream(events(server.port()), admin.cookie(), null)) {
                lastId = stream.await(named("summary"), BOUND).id();
            }
            var dan = new Respondent(client);
            long id = parse(dan.start()).get("id").asLong();
            dan.answer("book", "Typed while the dashboard was away");
            try (var back = new EventStream(events(server.port()), admin.cookie(), lastId)) {
                var replayed = back.await(e -> "response".equals(e.name()) && e.data().get("id").asLong() == id, BOUND);
                assertEquals("Typed while the dashboard was away", replayed.data().at("/answers/book").asText());
                assertTrue(Long.parseLong(replayed.id()) >= Long.parseLong(lastId));
            }
        });
    }

    @Test
    void a_dashboard_away_longer_than_the_feed_keeps_gets_a_reset_then_live_events() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String lastId;
            try (var stream = new EventStream(events(server.port()), admin.cookie(), null)) {
                lastId = stream.await(named("summary"), BOUND).id();
            }
            var eve = new Respondent(client);
            long id = parse(eve.start()).get("id").asLong();
            try (var witness = new EventStream(events(server.port()), admin.cookie(), null)) {
                eve.answer("book", "Typed, then pruned from the feed");
                witness.await(e -> "response".equals(e.name()) && e.data().get("id").asLong() == id
                        && "Typed, then pruned from the feed".equals(e.data().at("/answers/book").asText()), BOUND);
            }
            // What the retention job does to changes older than LIVESURVEY_FEED_RETENTION: all of them, here.
            db.database().jdbi().useHandle(h -> h.execute("DELETE FROM changes"));
            eve.answer("book", "Typed after the prune");
            try (var back = new EventStream(events(server.port()), admin.cookie(), lastId)) {
                back.await(named("reset"), BOUND);
                eve.answer("book", "Live again");
                back.await(e -> "response".equals(e.name()) && e.data().get("id").asLong() == id
                        && "Live again".equals(e.data().at("/answers/book").asText()), BOUND);
            }
        });
    }
}
