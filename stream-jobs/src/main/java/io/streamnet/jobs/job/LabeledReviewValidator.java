package io.streamnet.jobs.job;

import io.streamnet.connect.validate.ReviewEventValidator;
import io.streamnet.connect.validate.Validator;
import io.streamnet.schema.ReviewEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A ReviewEvent on the labeled topic: valid as a ReviewEvent and carrying its label (an unlabeled event there
 * cannot be learned from, so it is dead-lettered with this reason rather than silently skipped).
 */
public final class LabeledReviewValidator implements Validator<ReviewEvent> {
  private static final long serialVersionUID = 1L;
  private final ReviewEventValidator base = new ReviewEventValidator();

  @Override
  public List<String> violations(ReviewEvent r) {
    List<String> v = new ArrayList<>(base.violations(r));
    if (r.getLabel() == null) {
      v.add("label is required on the labeled topic, was null");
    }
    return v;
  }
}
