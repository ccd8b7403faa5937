package io.streamnet.jobs.bench;

import io.streamnet.nn.data.LabeledText;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The sentiment scoring phase's load: labeled reviews in their order (cycled if the run outlasts them), and requests
 * carrying review texts (cycled from the end of their list backwards, so that they are not the labeled events). No
 * seed: the first model serves at once.
 */
final class SentimentWorkload implements ScoringWorkload {
  private final List<LabeledText> labeledStream;
  private final List<LabeledText> requestTexts;

  /**
   * @param labeledStream the labeled events, in order (a model that sees a stream twice fits it closely, which
   *                      changes what is measured, so keep it long enough for the run)
   * @param requestTexts  texts of the scoring requests
   */
  SentimentWorkload(List<LabeledText> labeledStream, List<LabeledText> requestTexts) {
    this.labeledStream = labeledStream;
    this.requestTexts = requestTexts;
  }

  @Override
  public long seedEvents() {
    return 0;
  }

  @Override
  public SpecificRecord labeled(long n, String id, long nowMillis) {
    LabeledText t = labeledStream.get((int) (n % labeledStream.size()));
    return BenchData.event(id, t.text(), t.label(), nowMillis);
  }

  @Override
  public SpecificRecord request(long n, String id, long nowMillis) {
    LabeledText t = requestTexts.get(requestTexts.size() - 1 - (int) (n % requestTexts.size()));
    return BenchData.event(id, t.text(), null, nowMillis);
  }

  @Override
  public AnswerFields<?> answers() {
    return AnswerFields.SENTIMENT;
  }
}
