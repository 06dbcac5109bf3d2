package livesurvey.dashboard;

/** The top 3 favourite colours. */
final class TopColours extends TopAnswers {
    TopColours() {
        super("colours", 3);
    }
}
