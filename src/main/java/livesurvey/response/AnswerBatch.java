package livesurvey.response;

import livesurvey.SqlLists;
import livesurvey.live.Change;
import livesurvey.validation.UniquePerSurveyRule;
import livesurvey.web.ApiException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** The statements of one group commit, and the replies to send once it has committed. */
final class AnswerBatch {
    private final Map<PendingAnswer, Object> outcomes = new LinkedHashMap<>();
    private final Set<Long> surveyIds = new HashSet<>();

    private AnswerBatch() {
    }

    /**
     * Stores a batch inside the caller's transaction. Answers to completed responses are refused,
     * and so are answers whose survey or token no longer matches the response (a stale cache).
     */
    static AnswerBatch store(Handle handle, List<PendingAnswer> batch, long now) {
        try {
            return store(handle, handle.getConnection(), batch, now);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static AnswerBatch store(Handle handle, Connection connection, List<PendingAnswer> batch, long now)
            throws SQLException {
        AnswerBatch result = new AnswerBatch();
        Map<Long, Locked> locked = lockResponses(connection, batch);
        // The last write to a (response, question) in the batch is the one that stays.
        Map<String, PendingAnswer> latest = new LinkedHashMap<>();
        Map<Long, PendingAnswer> lastPerResponse = new LinkedHashMap<>();
        for (PendingAnswer p : batch) {
            Locked row = locked.get(p.responseId());
            if (row == null || row.surveyId() != p.surveyId() || !Objects.equals(row.tokenHash(), p.tokenHash())) {
                result.outcomes.put(p, ApiException.notFound("This response no longer exists; start again."));
                continue;
            }
            if (row.completed()) {
                result.outcomes.put(p, new ApiException(409, "Survey already submitted."));
                continue;
            }
            result.outcomes.put(p, p.problem());
            latest.remove(p.responseId() + ":" + p.question().id());
            latest.put(p.responseId() + ":" + p.question().id(), p);
            lastPerResponse.put(p.responseId(), p);
            result.surveyIds.add(p.surveyId());
        }
        if (latest.isEmpty()) {
            return result;
        }
        claimUniqueValues(handle, latest.values(), result);
        upsertAnswers(connection, latest.values(), result, now);
        touchResponses(connection, lastPerResponse.values(), now);
        recordChanges(connection, lastPerResponse.values(), now);
        return result;
    }

    /*
     * Plain JDBC from here: these statements run once per group commit with up to MAX_BATCH rows, and
     * binding through JDBI's named-parameter machinery cost more CPU than the database spent on them.
     * With rewriteBatchedStatements the driver sends each batch as one multi-row INSERT.
     */
    private static void upsertAnswers(Connection connection, Collection<PendingAnswer> answers, AnswerBatch result,
                                      long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO answers (response_id, question_id, answer_value, sort_value, valid, error, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE answer_value = VALUES(answer_value), sort_value = VALUES(sort_value),
                    valid = VALUES(valid), error = VALUES(error), updated_at = VALUES(updated_at)
                """)) {
            for (PendingAnswer p : answers) {
                String error = (String) result.outcomes.get(p);
                insert.setLong(1, p.responseId());
                insert.setLong(2, p.question().id());
                insert.setString(3, StoredValue.encode(p.value()));
                insert.setString(4, StoredValue.sortKey(p.value()));
                insert.setBoolean(5, error == null);
                insert.setString(6, error);
                insert.setLong(7, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Last activity, what is being edited and the version, for every answered response in one
     * statement: a batch of per-row UPDATEs reaches MariaDB as that many statements to parse and run.
     */
    private static void touchResponses(Connection connection, Collection<PendingAnswer> lastPerResponse, long now)
            throws SQLException {
        StringBuilder sql = new StringBuilder(
                "UPDATE responses SET updated_at = ?, version = version + 1, editing_key = CASE id");
        sql.append(" WHEN ? THEN ?".repeat(lastPerResponse.size()));
        sql.append(" END WHERE id IN (").append(SqlLists.placeholders(lastPerResponse.size()))
                .append(')');
        try (PreparedStatement touch = connection.prepareStatement(sql.toString())) {
            int i = 1;
            touch.setLong(i++, now);
            for (PendingAnswer p : lastPerResponse) {
                touch.setLong(i++, p.responseId());
                touch.setString(i++, p.question().key());
            }
            for (PendingAnswer p : lastPerResponse) {
                touch.setLong(i++, p.responseId());
            }
            touch.executeUpdate();
        }
    }

    /** One feed entry per answered response, in the same transaction (see ChangeDao#record). */
    private static void recordChanges(Connection connection, Collection<PendingAnswer> lastPerResponse, long now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO changes (survey_id, response_id, kind, created_at) VALUES (?, ?, ?, ?)")) {
            for (PendingAnswer p : lastPerResponse) {
                insert.setLong(1, p.surveyId());
                insert.setLong(2, p.responseId());
                insert.setString(3, Change.RESPONSE);
                insert.setLong(4, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A response as its row lock found it. */
    private record Locked(long surveyId, String tokenHash, boolean completed) {
    }

    /** Locks the batch's responses (in id order, so two writers cannot deadlock); deleted ones are absent. */
    private static Map<Long, Locked> lockResponses(Connection connection, List<PendingAnswer> batch) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        batch.forEach(p -> ids.add(p.responseId()));
        Map<Long, Locked> locked = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, survey_id, token_hash, completed_at FROM responses WHERE id IN ("
                        + SqlLists.placeholders(ids.size()) + ") ORDER BY id FOR UPDATE")) {
            SqlLists.bindLongs(select, 1, ids);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    boolean completed = rs.getObject(4) != null;
                    locked.put(rs.getLong(1), new Locked(rs.getLong(2), rs.getString(3), completed));
                }
            }
        }
        return locked;
    }

    /**
     * Moves each response's claim on a unique question to the value it now answers (if valid), in
     * (question, value) order so two writers lock claims alike; the primary key decides who wins.
     */
    private static void claimUniqueValues(Handle handle, Iterable<PendingAnswer> stored, AnswerBatch result) {
        List<PendingAnswer> unique = new ArrayList<>();
        stored.forEach(p -> {
            if (p.question().unique()) {
                unique.add(p);
            }
        });
        Map<PendingAnswer, String> wanted = new HashMap<>();
        unique.forEach(p -> wanted.put(p, result.outcomes.get(p) == null && !p.value().isBlank()
                ? UniquePerSurveyRule.valueHash(p.value()) : null));
        unique.sort(Comparator.comparingLong((PendingAnswer p) -> p.question().id())
                .thenComparing(p -> Objects.requireNonNullElse(wanted.get(p), "")));
        for (PendingAnswer p : unique) {
            String hash = wanted.get(p);
            if (!UniqueClaims.move(handle, p.responseId(), p.question().id(), hash)) {
                result.outcomes.put(p, UniquePerSurveyRule.message(p.question()));
            }
        }
    }

    Set<Long> surveyIds() {
        return surveyIds;
    }

    /** Completes every caller's future: a verdict, or the reason it was refused. */
    void reply() {
        outcomes.forEach((p, outcome) -> {
            if (outcome instanceof RuntimeException e) {
                p.reply().completeExceptionally(e);
            } else {
                String error = (String) outcome;
                p.reply().complete(new AnswerResult(p.question().key(), error == null, error));
            }
        });
    }
}
