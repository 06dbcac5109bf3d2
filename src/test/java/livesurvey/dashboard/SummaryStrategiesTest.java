package livesurvey.dashboard;

import livesurvey.survey.Option;
import livesurvey.survey.Question;
import livesurvey.survey.SummarySpec;
import livesurvey.survey.Survey;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The summary strategies on counters alone: what each kind makes of the same counts. */
class SummaryStrategiesTest {
    private static final SummarySpec SPEC = new SummarySpec(SummarySpec.Kind.distribution, "d", null, null);

    private static Question number(long id) {
        return new Question(id, "n", "N", "", Question.Kind.number, 1, 1, false, false, null, null,
                null, null, null, null, null, List.of(), List.of(SPEC));
    }

    private static Tally tally(Question q, List<SummaryDao.Counter> counters) {
        Survey survey = new Survey(1, "s", "S", "", "", 1, Survey.Status.open, List.of(q), List.of());
        return Tally.of(survey, counters, null);
    }

    @Test
    void a_few_number_values_are_one_bar_each_in_numeric_order() {
        Question q = number(7);
        Tally t = tally(q, List.of(new SummaryDao.Counter(7, "10", 2), new SummaryDao.Counter(7, "9", 1),
                new SummaryDao.Counter(7, "2.5", 1)));
        assertEquals(List.of(new OptionCount("2.5", "2.5", 1), new OptionCount("9", "9", 1), new OptionCount("10", "10", 2)),
                new DistributionSummary().compute(t, q, SPEC));
        assertEquals(new BigDecimal("7.9"), new AverageSummary().compute(t, q, SPEC), "31.5 / 4 = 7.875");
    }

    @Test
    void many_number_values_are_grouped_into_ten_equal_ranges() {
        Question q = number(7);
        List<SummaryDao.Counter> counters = new ArrayList<>();
        for (int v = 0; v <= 100; v++) {
            counters.add(new SummaryDao.Counter(7, String.valueOf(v), 1));
        }
        List<OptionCount> bars = new DistributionSummary().compute(tally(q, counters), q, SPEC);
        assertEquals(10, bars.size());
        assertEquals("0–10", bars.get(0).label());
        assertEquals("90–100", bars.get(9).label());
        assertEquals(10, bars.get(0).count(), "0 to 9");
        assertEquals(11, bars.get(9).count(), "90 to 100: the top value is in the last bar");
        assertEquals(101, bars.stream().mapToLong(OptionCount::count).sum());
    }

    @Test
    void a_choice_average_counts_only_current_numeric_options_and_nothing_is_null() {
        Question age = new Question(3, "age", "Age", "", Question.Kind.select, 1, 1, false, false, null, null,
                null, null, null, null, null, List.of(new Option("16", "16"), new Option("17", "17")), List.of());
        assertNull(new AverageSummary().compute(tally(age, List.of()), age, SPEC));
        Tally t = tally(age, List.of(new SummaryDao.Counter(3, "16", 1), new SummaryDao.Counter(3, "17", 1),
                new SummaryDao.Counter(3, "99", 5)));
        assertEquals(new BigDecimal("16.5"), new AverageSummary().compute(t, age, SPEC), "99 is no longer an option");
    }
}
