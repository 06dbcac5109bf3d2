package livesurvey.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoalescerTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicLong position = new AtomicLong();
    private final List<long[]> timers = new ArrayList<>(); // {due, index into tasks}
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<String> flushed = new ArrayList<>();
    private final Coalescer coalescer = new Coalescer(Duration.ofMillis(100), now::get, position::get,
            (delay, task) -> {
                timers.add(new long[] {now.get() + delay, tasks.size()});
                tasks.add(task);
            },
            (survey, ids, at) -> flushed.add(survey + ":" + ids + "@" + at));

    /** Moves the clock, running the timers that fall due. */
    private void advance(long millis) {
        now.addAndGet(millis);
        for (long[] t : new ArrayList<>(timers)) {
            if (t[0] <= now.get()) {
                timers.remove(t);
                tasks.get((int) t[1]).run();
            }
        }
    }

    @Test
    void the_first_change_goes_at_once_and_a_burst_after_it_in_one_flush_per_interval() {
        position.set(10);
        coalescer.add(1, List.of(7L));
        advance(0);
        assertEquals(List.of("1:[7]@10"), flushed, "after a quiet spell: at once");

        // 50 keystrokes from three respondents within the next 100 ms.
        for (int i = 0; i < 50; i++) {
            coalescer.add(1, List.of(7L + i % 3));
            position.incrementAndGet();
            advance(1);
        }
        assertEquals(1, flushed.size(), "nothing more within the interval");
        advance(50);
        assertEquals(List.of("1:[7]@10", "1:[7, 8, 9]@60"), flushed,
                "one flush carrying every response changed since the last");
        advance(1_000);
        assertEquals(2, flushed.size(), "quiet: no empty flushes");
    }

    @Test
    void surveys_are_coalesced_apart() {
        coalescer.add(1, List.of(1L));
        coalescer.add(2, List.of(2L));
        coalescer.add(1, Set.of(3L));
        advance(0);
        assertEquals(List.of("1:[1, 3]@0", "2:[2]@0"), flushed);
    }
}
