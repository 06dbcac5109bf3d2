package livesurvey.response;

/** A stored response, without its answers; {@code version} goes up with every write to it. */
public record ResponseRow(long id, long surveyId, int currentStep, String editingKey, long startedAt, long updatedAt,
                          Long completedAt, long version) {
    public boolean completed() {
        return completedAt != null;
    }
}
