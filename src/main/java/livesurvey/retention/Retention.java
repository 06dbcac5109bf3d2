package livesurvey.retention;

import livesurvey.dashboard.Deletion;
import livesurvey.jobs.JobLease;
import livesurvey.jobs.LeasedSchedule;
import livesurvey.survey.Survey;
import livesurvey.survey.SurveyCatalog;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Deletes responses older than their survey's retention period, on a schedule that one instance
 * at a time runs. Each goes through the dashboard's {@link Deletion}: answers, unique claims and
 * counters in one transaction, and open dashboards are told.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** Responses deleted between two checks that this instance still holds the job. */
    private static final int CHUNK = 200;
    public static final int MAX_DAYS = 36_500;

    private final RetentionDao dao;
    private final SurveyCatalog catalog;
    private final Deletion deletion;
    private final Clock clock;
    private final Integer defaultDays;

    /** @param defaultDays for surveys without a setting of their own; null keeps their responses */
    public Retention(Jdbi jdbi, SurveyCatalog catalog, Deletion deletion, Clock clock, Integer defaultDays) {
        this.dao = jdbi.onDemand(RetentionDao.class);
        this.catalog = catalog;
        this.deletion = deletion;
        this.clock = clock;
        this.defaultDays = defaultDays;
    }

    /** Hourly, on whichever instance holds the "retention" lease. */
    public LeasedSchedule schedule(Jdbi jdbi) {
        return new LeasedSchedule(new JobLease(jdbi, clock), clock, "retention", Duration.ofHours(1), this::purge);
    }

    public RetentionPolicy policy(Survey survey) {
        return RetentionPolicy.of(dao.setting(survey.id()).map(RetentionDao.Setting::retentionDays).orElse(null),
                defaultDays);
    }

    /** Sets the survey's own period (null: the default again) and says what now applies. */
    public RetentionPolicy set(Survey survey, Integer days) {
        dao.set(survey.id(), days);
        return policy(survey);
    }

    /** Deletes what is past its time in every survey; stops early if another instance took the job over. */
    public int purge(LeasedSchedule.Lease lease) {
        int deleted = 0;
        for (RetentionDao.Setting setting : dao.settings()) {
            Integer days = RetentionPolicy.of(setting.retentionDays(), defaultDays).days();
            Optional<Survey> survey = days == null ? Optional.empty() : catalog.find(setting.slug());
            if (survey.isEmpty()) {
                continue;
            }
            long cutoff = clock.millis() - Duration.ofDays(days).toMillis();
            List<Long> ids;
            do {
                if (!lease.held()) {
                    return deleted;
                }
                ids = dao.startedBefore(setting.id(), cutoff, CHUNK);
                for (long id : ids) {
                    deleted += deletion.delete(survey.get(), id) ? 1 : 0;
                }
            } while (ids.size() == CHUNK);
        }
        if (deleted > 0) {
            LOG.info("Retention: deleted {} responses past their survey's retention period", deleted);
        }
        return deleted;
    }
}
