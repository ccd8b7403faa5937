package io.streamnet.connect.validate;

import io.streamnet.schema.ReviewEvent;
import java.util.List;

/** id and text present and not blank; label 0, 1 or null; rating finite when present. */
public final class ReviewEventValidator implements Validator<ReviewEvent> {

  @Override
  public List<String> violations(ReviewEvent r) {
    return new Violations()
        .notBlank("id", r.getId())
        .notBlank("text", r.getText())
        .zeroOrOne("label", r.getLabel(), true)
        .finiteIfPresent("rating", r.getRating())
        .list();
  }
}
