package livesurvey.jobs;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Optional;

/** The job_leases table. Every write is one conditional statement, so two instances never both win. */
@RegisterConstructorMapper(LeaseRow.class)
interface JobLeaseDao {

    /** Renews the lease if this owner holds it, or takes it if it has expired. 1 when this owner now holds it. */
    @SqlUpdate("""
            UPDATE job_leases SET owner = :owner, expires_at = :until
            WHERE name = :name AND (owner = :owner OR expires_at < :now)
            """)
    int takeOrRenew(@Bind("name") String name, @Bind("owner") String owner, @Bind("now") long now,
                    @Bind("until") long until);

    /** The first lease of a job; fails with a duplicate key if another instance inserted it first. */
    @SqlUpdate("INSERT INTO job_leases (name, owner, expires_at, last_run_at) VALUES (:name, :owner, :until, 0)")
    void create(@Bind("name") String name, @Bind("owner") String owner, @Bind("until") long until);

    /** Records a run, only while still the holder. */
    @SqlUpdate("UPDATE job_leases SET last_run_at = :now WHERE name = :name AND owner = :owner AND expires_at >= :now")
    int ran(@Bind("name") String name, @Bind("owner") String owner, @Bind("now") long now);

    /** Lets the lease go at once (a clean shutdown), so another instance need not wait for it to expire. */
    @SqlUpdate("UPDATE job_leases SET expires_at = 0 WHERE name = :name AND owner = :owner")
    int release(@Bind("name") String name, @Bind("owner") String owner);

    @SqlQuery("SELECT name, owner, expires_at, last_run_at FROM job_leases WHERE name = :name")
    Optional<LeaseRow> find(@Bind("name") String name);
}
