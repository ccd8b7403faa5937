package io.streamnet.jobs.feedback;

import java.io.Serializable;

/** What a scorer served: the impression of one answered request. */
@FunctionalInterface
public interface ImpressionOf<R, O> extends Serializable {
  Impression of(R request, O answer);
}
