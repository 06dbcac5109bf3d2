package livesurvey.dashboard;

import livesurvey.response.ResponseDao;
import livesurvey.survey.Survey;

import java.time.Clock;
import java.util.function.LongConsumer;

/** An admin deleting a response: one transaction, then the after-commit hook (summary cache, live feed). */
public final class Deletion {
    private final ResponseDao responses;
    private final Clock clock;
    private final LongConsumer afterCommit;

    public Deletion(ResponseDao responses, Clock clock, LongConsumer afterCommit) {
        this.responses = responses;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /** False when the survey has no such response. */
    public boolean delete(Survey survey, long id) {
        boolean deleted = responses.delete(survey.id(), id, clock.millis());
        if (deleted) {
            afterCommit.accept(survey.id());
        }
        return deleted;
    }
}
