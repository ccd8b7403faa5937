package io.streamnet.connect.validate;

import io.streamnet.schema.RecoRequest;
import java.util.List;

/** requestId not blank, userId non-negative, k at least 1, a candidate list (when given) not empty. */
public final class RecoRequestValidator implements Validator<RecoRequest> {

  @Override
  public List<String> violations(RecoRequest r) {
    return new Violations()
        .notBlank("requestId", r.getRequestId())
        .nonNegative("userId", r.getUserId())
        .atLeast("k", r.getK(), 1)
        .check(r.getCandidateItemIds() == null || !r.getCandidateItemIds().isEmpty(),
            "candidateItemIds must be null (whole catalogue) or non-empty, was empty")
        .list();
  }
}
