package livesurvey.response;

/** A step passed validation; {@code nextStep} is null after the last one. */
public record StepResult(int step, boolean valid, Integer nextStep) {
}
