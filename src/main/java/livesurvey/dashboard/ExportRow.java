package livesurvey.dashboard;

/** One line of the export query: a response joined with one of its answers (or none). */
record ExportRow(long id, int currentStep, String editingKey, long startedAt, long updatedAt, Long completedAt,
                 Long questionId, String answerValue, Boolean valid, String error) {
}
