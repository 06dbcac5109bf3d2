package livesurvey.trends;

import java.util.List;

/**
 * The drop-off funnel: how many responses reached each step, and how many completed. Deleted
 * responses are not counted.
 */
public record Funnel(List<Step> steps, long completed) {

    /** Responses that reached step {@code step} (opened it; a completed response reached them all). */
    public record Step(int step, long reached) {
    }
}
