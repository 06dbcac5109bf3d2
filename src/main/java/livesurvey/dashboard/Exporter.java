package livesurvey.dashboard;

import com.fasterxml.jackson.core.JsonGenerator;
import livesurvey.response.AnswerRow;
import livesurvey.survey.Question;
import livesurvey.survey.Survey;
import livesurvey.web.Json;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.result.ResultIterator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every response of a survey as CSV or JSON, streamed row by row from one database cursor to the
 * output, so a million responses export in constant memory.
 */
public final class Exporter {
    private static final String SQL = """
            SELECT r.id, r.current_step, r.editing_key, r.started_at, r.updated_at, r.completed_at,
                   a.question_id, a.answer_value, a.valid, a.error
            FROM responses r %s LEFT JOIN answers a ON a.response_id = r.id
            WHERE r.survey_id = :survey
            ORDER BY r.id
            """;

    private final Jdbi jdbi;
    private final String sql;
    /** Integer.MIN_VALUE makes Connector/J stream rows one by one (also against MariaDB); H2 pages by itself. */
    private final int fetchSize;

    public Exporter(Jdbi jdbi, boolean streamingDriver) {
        this.jdbi = jdbi;
        // Read in id order straight off (survey_id, id): no sort, so the first row streams at once.
        this.sql = SQL.formatted(streamingDriver ? "FORCE INDEX (ix_responses_survey_id)" : "");
        this.fetchSize = streamingDriver ? Integer.MIN_VALUE : 1_000;
    }

    public void csv(Survey survey, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of("id", "started", "updated", "completed"));
        survey.questions().forEach(q -> header.add(q.key()));
        // Questions a later revision removed keep their answers, in columns marked as such.
        survey.removed().forEach(q -> header.add(q.key() + " (earlier revision)"));
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .get())) {
            each(survey, row -> {
                List<Object> cells = new ArrayList<>(List.of(row.id(), row.startedAt(), row.updatedAt(),
                        row.completedAt() == null ? "" : row.completedAt()));
                survey.questions().forEach(q -> cells.add(cell(row.answers().get(q.key()))));
                survey.removed().forEach(q -> cells.add(cell(row.earlierRevisions().get(q.key()))));
                try {
                    csv.printRecord(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static String cell(Object value) {
        return SpreadsheetSafe.cell(value instanceof List<?> list
                ? String.join("; ", list.stream().map(String::valueOf).toList())
                : value == null ? "" : value.toString());
    }

    public void json(Survey survey, OutputStream out) throws IOException {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartArray();
            each(survey, row -> {
                try {
                    json.writeObject(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
        }
    }

    /** Reads the joined rows in id order and hands over one {@link Row} per response as it completes. */
    private void each(Survey survey, Consumer<Row> sink) {
        jdbi.useHandle(h -> {
            h.registerRowMapper(ConstructorMapper.factory(ExportRow.class));
            try (ResultIterator<ExportRow> it = h.createQuery(sql).setFetchSize(fetchSize)
                    .bind("survey", survey.id()).mapTo(ExportRow.class).iterator()) {
                Listed current = null;
                List<AnswerRow> answers = new ArrayList<>();
                while (it.hasNext()) {
                    ExportRow line = it.next();
                    if (current == null || current.id() != line.id()) {
                        if (current != null) {
                            sink.accept(RowBuilder.row(survey, current, answers));
                        }
                        current = new Listed(line.id(), line.currentStep(), line.editingKey(), line.startedAt(),
                                line.updatedAt(), line.completedAt(), null);
                        answers = new ArrayList<>();
                    }
                    if (line.questionId() != null) {
                        answers.add(new AnswerRow(line.id(), line.questionId(), line.answerValue(),
                                Boolean.TRUE.equals(line.valid()), line.error(), line.updatedAt()));
                    }
                }
                if (current != null) {
                    sink.accept(RowBuilder.row(survey, current, answers));
                }
            }
        });
    }
}
