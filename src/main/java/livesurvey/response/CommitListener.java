package livesurvey.response;

import java.util.List;

/**
 * Told, on this instance, of every committed change to a survey's responses, before the change's
 * reply is sent. Listeners that depend on each other are combined with {@link #inOrder}, which
 * names the order instead of leaving it to whoever registered first.
 */
@FunctionalInterface
public interface CommitListener {
    void committed(long surveyId);

    /** Each listener in turn, e.g. drop a cache before waking what reads through it. */
    static CommitListener inOrder(CommitListener... listeners) {
        List<CommitListener> ordered = List.of(listeners);
        return surveyId -> ordered.forEach(l -> l.committed(surveyId));
    }
}
