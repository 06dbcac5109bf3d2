package livesurvey.dashboard;

import livesurvey.DatabaseRetry;
import livesurvey.response.CommitListener;
import livesurvey.response.ResponseDao;
import livesurvey.survey.Survey;

import java.time.Clock;

/** An admin deleting a response: one transaction, then the after-commit hook (summary cache, live feed). */
public final class Deletion {
    private final ResponseDao responses;
    private final Clock clock;
    private final DatabaseRetry retry;
    private final CommitListener afterCommit;

    public Deletion(ResponseDao responses, Clock clock, DatabaseRetry retry, CommitListener afterCommit) {
        this.responses = responses;
        this.clock = clock;
        this.retry = retry;
        this.afterCommit = afterCommit;
    }

    /** False when the survey has no such response. */
    public boolean delete(Survey survey, long id) {
        boolean deleted = retry.call(() -> responses.delete(survey.id(), id, clock.millis()));
        if (deleted) {
            afterCommit.committed(survey.id());
        }
        return deleted;
    }
}
