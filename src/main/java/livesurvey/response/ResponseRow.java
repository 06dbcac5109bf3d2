package livesurvey.response;

/** A stored response, without its answers. */
public record ResponseRow(long id, long surveyId, int currentStep, String editingKey, long startedAt, long updatedAt,
                          Long completedAt) {
    public boolean completed() {
        return completedAt != null;
    }
}
