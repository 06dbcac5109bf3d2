package livesurvey.dashboard;

/** All responses, completed or not, and the completed ones. */
final class ResponseCounts implements SummaryValue<ResponseCounts.Counts> {

    record Counts(long count, long completed) {
    }

    @Override
    public Counts compute(Tally tally) {
        return new Counts(tally.responses(), tally.completed());
    }
}
