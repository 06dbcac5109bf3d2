package livesurvey.live;

import livesurvey.survey.Survey;

import java.util.Collection;
import java.util.Map;

/** What the live stream sends about a survey: rows of changed responses and the summary. */
public interface LiveViews {
    /** The current dashboard rows of these responses; ids missing from the map were deleted. */
    Map<Long, ?> rows(Survey survey, Collection<Long> responseIds);

    /** The survey's summary as the dashboard shows it. */
    Object summary(Survey survey);
}
