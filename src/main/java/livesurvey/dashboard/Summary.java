package livesurvey.dashboard;

import java.util.LinkedHashMap;

/**
 * The dashboard's summary: {@code count} and {@code completed} over all responses, then one property
 * per summary the survey's definition asks for (named there, e.g. {@code averageAge}), computed over
 * completed responses, then {@code lastUpdated}.
 */
public final class Summary extends LinkedHashMap<String, Object> {
    /** The definition's revision it was computed for; not part of the JSON. */
    final transient Integer revision;

    Summary(int revision) {
        this.revision = revision;
    }
}
