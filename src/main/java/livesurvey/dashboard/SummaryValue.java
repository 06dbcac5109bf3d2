package livesurvey.dashboard;

/** One value of the summary, computed from the counters (a Strategy: one class per value). */
interface SummaryValue<T> {
    T compute(Tally tally);
}
