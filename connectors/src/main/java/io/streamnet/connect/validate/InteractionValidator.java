package io.streamnet.connect.validate;

import io.streamnet.schema.Interaction;
import java.util.List;

/** Non-negative ids; rating finite when present; at least one of rating and clicked. */
public final class InteractionValidator implements Validator<Interaction> {

  @Override
  public List<String> violations(Interaction i) {
    return new Violations()
        .nonNegative("userId", i.getUserId())
        .nonNegative("itemId", i.getItemId())
        .finiteIfPresent("rating", i.getRating())
        .check(i.getRating() != null || i.getClicked() != null, "one of rating and clicked must be present")
        .list();
  }
}
