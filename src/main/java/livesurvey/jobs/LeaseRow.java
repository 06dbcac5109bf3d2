package livesurvey.jobs;

/** A job's lease as stored: who holds it, until when (epoch ms), and when the job last ran anywhere. */
public record LeaseRow(String name, String owner, long expiresAt, long lastRunAt) {
}
