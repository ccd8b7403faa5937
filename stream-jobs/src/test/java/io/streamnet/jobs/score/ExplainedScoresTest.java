package io.streamnet.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.jobs.task.sentiment.TextFeatures;
import io.streamnet.nn.explain.IntegratedGradients;
import io.streamnet.nn.explain.TextExplainer;
import io.streamnet.nn.explain.TokenContribution;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.schema.ExplainedToken;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/** Answers with explanations (scorer.explain_top_k), in Flink's broadcast operator harness. */
class ExplainedScoresTest {
  private static final String TEXT = "a dull , dull film but a fine cast";

  private static ScorerFunction<ReviewEvent, SentimentScore> scorer(int explainTopK) {
    SentimentTask task = new SentimentTask(new TextFeatures(ScorerFunctionTest.FEATURES, "tokens"),
        ScorerFunctionTest.spec().toJson(), 100, explainTopK);
    return new ScorerFunction<>(new ScorerFunction.Settings("m", 10, 60_000, "requests", 1), task);
  }

  private static SentimentScore answer(ScorerFunction<ReviewEvent, SentimentScore> scorer, Network net) throws Exception {
    try (var h = ScorerFunctionTest.harness(scorer)) {
      ScorerFunctionTest.send(h, ScorerFunctionTest.snapshot(net, 1, 1));
      h.processElement(new StreamRecord<>(ScorerFunctionTest.request("r", TEXT), System.currentTimeMillis()));
      List<SentimentScore> out = h.extractOutputValues();
      assertEquals(1, out.size());
      return out.get(0);
    }
  }

  @Test
  void theAnswerCarriesTheTopTokensOfTheRequestsText() throws Exception {
    Network net = Network.build(ScorerFunctionTest.spec());
    SentimentScore score = answer(scorer(3), net);

    List<TokenContribution> expected = new TextExplainer(net.spec(), ScorerFunctionTest.FEATURES,
        IntegratedGradients.DEFAULT_STEPS).explain(net, TEXT).top(3);
    List<ExplainedToken> explanation = score.getExplanation();
    assertEquals(3, explanation.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(expected.get(i).token(), explanation.get(i).getToken());
      assertEquals(expected.get(i).contribution(), explanation.get(i).getContribution(), 1e-12);
      assertTrue(List.of(TEXT.split(" ")).contains(explanation.get(i).getToken()), explanation.get(i).getToken());
    }
    assertEquals(ScorerFunctionTest.expected(net, TEXT), score.getProbability(), 1e-7, "the score is unchanged");
  }

  @Test
  void offByDefaultTheExplanationIsNull() throws Exception {
    Network net = Network.build(ScorerFunctionTest.spec());
    assertNull(answer(ScorerFunctionTest.scorer(10), net).getExplanation());
    assertNull(answer(scorer(0), net).getExplanation());
  }

  @Test
  void explanationsOfAModelThatIsNotABagAreRefusedWhenTheTaskIsMade() {
    NetworkSpec dense = NetworkSpec.builder().seed(3).sparseInput("tokens", 1 << 10)
        .embeddingBag("emb", "tokens", 8, "mean").dense("out", 1).loss("mse").optimizer(OptimizerSpec.sgd(0.1)).build();
    var e = assertThrows(IllegalArgumentException.class, () -> new SentimentTask(
        new TextFeatures(ScorerFunctionTest.FEATURES, "tokens"), dense.toJson(), 100, 2));
    assertTrue(e.getMessage().startsWith("answers with explanations (scorer.explain_top_k > 0) need a bag model:"
        + " explanations need a binary classifier"), e.getMessage());
  }
}
