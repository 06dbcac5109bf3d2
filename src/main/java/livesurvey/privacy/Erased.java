package livesurvey.privacy;

import java.util.List;

/** What an erasure removed: the responses, each with its answers, claims and counts. */
public record Erased(int erased, List<Long> ids) {
}
