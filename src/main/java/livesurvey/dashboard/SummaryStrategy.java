package livesurvey.dashboard;

import livesurvey.survey.Question;
import livesurvey.survey.SummarySpec;

/** One kind of summary of a question's answers (Strategy), computed from the counters alone. */
interface SummaryStrategy {
    Object compute(Tally tally, Question question, SummarySpec spec);
}
