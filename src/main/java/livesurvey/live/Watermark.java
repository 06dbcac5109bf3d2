package livesurvey.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which change-feed ids a follower has delivered, when ids commit out of order.
 *
 * <p>Ids are handed out at insert and become visible at commit, so id 41 can appear after 42.
 * Everything up to {@link #position()} has been delivered (or given up on); above it, the ids
 * not yet seen are <em>gaps</em>: commits in flight, re-read every poll. A gap older than the gap
 * timeout is given up on — most are rolled-back transactions — and the position moves past it;
 * it is still watched, as <em>late</em>, for a longer horizon, and if it commits after all it
 * is delivered then, and reported so position-based readers (replays, sync cursors) can be told.
 * What can no longer be watched (more gaps than the limits allow) may have been missed: the
 * caller is told, so it can reset its readers.
 *
 * <p>Not thread-safe: one follower thread owns it.
 */
final class Watermark {
    /** How many gaps and late ids to track, and for how long. */
    record Limits(int maxGaps, Duration gapTimeout, Duration lateHorizon) {
        /**
         * Ids can be in flight at once only as many as the open transactions insert: per instance,
         * writers × rows per batch plus one per other connection; headroom for several instances.
         */
        static Limits forWriters(int writers, int batchSize, int connections, int instances, Duration gapTimeout) {
            return new Limits(instances * (writers * batchSize + connections), gapTimeout, gapTimeout.multipliedBy(60));
        }
    }

    /** What marking a delivery found: ids that had been given up on and committed after all. */
    record Marked(List<Long> late) {
    }

    /** What a time step did: gaps given up on, and whether some id may have been missed. */
    record Advanced(int givenUp, boolean possiblyMissed) {
    }

    private final Limits limits;
    private long position;
    private long highest;
    private final TreeMap<Long, Long> gaps = new TreeMap<>();
    private final TreeMap<Long, Long> late = new TreeMap<>();
    private boolean lostTrack;

    Watermark(long start, Limits limits) {
        this.position = start;
        this.highest = start;
        this.limits = limits;
    }

    /** Every id up to here has been delivered or given up on. */
    long position() {
        return position;
    }

    /** The highest id delivered: new ids are read above it. */
    long highest() {
        return highest;
    }

    /** The ids to re-read: gaps, and given-up ids still watched for a late commit. */
    List<Long> watched() {
        List<Long> ids = new ArrayList<>(gaps.keySet());
        ids.addAll(late.keySet());
        return ids;
    }

    /** Of the changes read, those not delivered yet, each once, in id order. */
    List<Change> news(Collection<Change> read) {
        TreeMap<Long, Change> fresh = new TreeMap<>();
        for (Change c : read) {
            if (c.id() > highest || gaps.containsKey(c.id()) || late.containsKey(c.id())) {
                fresh.put(c.id(), c);
            }
        }
        return new ArrayList<>(fresh.values());
    }

    /** Records ids as delivered: ids skipped on the way up become gaps, noticed at now. */
    Marked delivered(Collection<Long> ids, long now) {
        List<Long> lateOnes = new ArrayList<>();
        for (long id : ids.stream().sorted().toList()) {
            if (id > highest) {
                // Beyond maxGaps skipped ids cannot be tracked one by one: give the lower ones up.
                long from = Math.max(highest + 1, id - limits.maxGaps());
                lostTrack |= from > highest + 1;
                for (long gap = from; gap < id; gap++) {
                    gaps.put(gap, now);
                }
                highest = id;
            } else if (gaps.remove(id) == null && late.remove(id) != null) {
                lateOnes.add(id);
            }
        }
        trimGaps(now);
        move();
        return new Marked(lateOnes);
    }

    /** Gives up gaps older than the gap timeout; stops watching late ids past the horizon. */
    Advanced advance(long now) {
        int givenUp = 0;
        while (!gaps.isEmpty() && now - gaps.firstEntry().getValue() > limits.gapTimeout().toMillis()) {
            late.put(gaps.pollFirstEntry().getKey(), now);
            givenUp++;
        }
        // Not ordered by time: a late id given up earlier can have a higher id. Few; scan them.
        late.values().removeIf(givenUpAt -> now - givenUpAt > limits.lateHorizon().toMillis());
        trimGaps(now);
        move();
        boolean missed = lostTrack;
        lostTrack = false;
        return new Advanced(givenUp, missed);
    }

    /** More gaps than transactions could have in flight: the oldest become late; late beyond that are lost track of. */
    private void trimGaps(long now) {
        while (gaps.size() > limits.maxGaps()) {
            late.put(gaps.pollFirstEntry().getKey(), now);
        }
        while (late.size() > limits.maxGaps()) {
            late.pollFirstEntry();
            lostTrack = true;
        }
    }

    private void move() {
        position = gaps.isEmpty() ? highest : gaps.firstKey() - 1;
    }

    @Override
    public String toString() {
        Map.Entry<Long, Long> first = gaps.firstEntry();
        return "Watermark[position=" + position + ", highest=" + highest + ", gaps=" + gaps.size()
                + (first == null ? "" : " from " + first.getKey()) + ", late=" + late.size() + "]";
    }
}
