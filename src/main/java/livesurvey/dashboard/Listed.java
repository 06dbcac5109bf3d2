package livesurvey.dashboard;

/** A response row as a page query reads it, with the value it is sorted by (null when it has none). */
record Listed(long id, int currentStep, String editingKey, long startedAt, long updatedAt, Long completedAt,
              String sortKey) {
}
