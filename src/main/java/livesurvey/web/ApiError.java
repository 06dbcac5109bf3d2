package livesurvey.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one error body every /api path answers with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field, Object details) {
}
