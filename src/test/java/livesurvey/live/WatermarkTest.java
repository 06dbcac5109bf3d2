package livesurvey.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkTest {
    private static final Watermark.Limits LIMITS = new Watermark.Limits(100, Duration.ofSeconds(10), Duration.ofMinutes(10));

    private static Change change(long id) {
        return new Change(id, 1, id * 10, Change.RESPONSE);
    }

    private static List<Long> ids(List<Change> changes) {
        return changes.stream().map(Change::id).toList();
    }

    @Test
    void contiguous_ids_move_the_position_to_the_highest() {
        var w = new Watermark(10, LIMITS);
        List<Change> news = w.news(List.of(change(12), change(11), change(13)));
        assertEquals(List.of(11L, 12L, 13L), ids(news), "in id order");
        w.delivered(ids(news), 0);
        assertEquals(13, w.position());
        assertTrue(w.watched().isEmpty());
        assertEquals(List.of(), w.news(List.of(change(12), change(13))), "nothing twice");
    }

    @Test
    void an_out_of_order_commit_holds_the_position_until_it_fills_the_gap() {
        var w = new Watermark(40, LIMITS);
        w.delivered(List.of(42L, 43L), 0);
        assertEquals(40, w.position(), "41 is in flight: the position waits below it");
        assertEquals(43, w.highest());
        assertEquals(List.of(41L), w.watched());

        assertEquals(List.of(41L), ids(w.news(List.of(change(41), change(42), change(43)))), "41 is news, 42-43 not");
        w.delivered(List.of(41L), 1_000);
        assertEquals(43, w.position());
        assertTrue(w.watched().isEmpty());
    }

    @Test
    void a_gap_older_than_the_timeout_is_passed_then_delivered_as_late_if_it_commits() {
        var w = new Watermark(0, LIMITS);
        w.delivered(List.of(2L), 0);
        assertEquals(0, w.advance(10_000).givenUp(), "not yet: exactly the timeout");
        assertEquals(0, w.position());

        Watermark.Advanced advanced = w.advance(10_001);
        assertEquals(1, advanced.givenUp());
        assertFalse(advanced.possiblyMissed(), "a given-up id is still watched");
        assertEquals(2, w.position(), "the position moves past the given-up id");
        assertEquals(List.of(1L), w.watched(), "still watched for a late commit");

        assertEquals(List.of(1L), ids(w.news(List.of(change(1)))));
        assertEquals(List.of(1L), w.delivered(List.of(1L), 20_000).late(), "reported as late");
        assertTrue(w.watched().isEmpty());
    }

    @Test
    void a_given_up_id_is_watched_only_for_the_late_horizon() {
        var w = new Watermark(0, LIMITS);
        w.delivered(List.of(2L), 0);
        w.advance(10_001);
        assertFalse(w.advance(10_001 + Duration.ofMinutes(10).toMillis() + 1).possiblyMissed(),
                "a rolled-back id is forgotten quietly after the horizon");
        assertTrue(w.watched().isEmpty());
        assertEquals(List.of(), w.news(List.of(change(1))), "and not delivered after it");
    }

    @Test
    void more_gaps_than_can_be_in_flight_are_given_up_and_more_than_can_be_watched_are_reported() {
        var w = new Watermark(0, LIMITS);
        w.delivered(List.of(150L), 0);
        assertEquals(100, w.watched().size(), "at most maxGaps gaps; below them, the ids are lost track of");
        assertEquals(49, w.position(), "ids 1-49 were given up at once");
        assertTrue(w.advance(0).possiblyMissed(), "ids not tracked may have been missed: the caller resets");
        assertFalse(w.advance(0).possiblyMissed(), "reported once");
    }

    @Test
    void late_ids_beyond_the_limit_are_reported_as_possibly_missed() {
        var w = new Watermark(0, LIMITS);
        long now = 0;
        for (long top = 60; top <= 240; top += 60) {
            // 30 gaps each round, given up after the timeout: 120 late ids, more than 100 can be watched.
            List<Long> evens = new java.util.ArrayList<>();
            for (long id = top - 59; id <= top; id += 2) {
                evens.add(id + 1);
            }
            w.delivered(evens, now);
            now += 10_001;
            boolean missed = w.advance(now).possiblyMissed();
            assertEquals(top == 240, missed, "round ending at " + top);
        }
    }

    @Test
    void limits_grow_with_writers_batch_size_and_connections() {
        var limits = Watermark.Limits.forWriters(2, 500, 16, 8, Duration.ofSeconds(10));
        assertEquals(8 * (2 * 500 + 16), limits.maxGaps());
        assertEquals(Duration.ofMinutes(10), limits.lateHorizon());
    }
}
