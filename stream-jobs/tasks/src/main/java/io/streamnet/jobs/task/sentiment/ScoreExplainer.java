package io.streamnet.jobs.task.sentiment;

import io.streamnet.nn.explain.IntegratedGradients;
import io.streamnet.nn.explain.TextExplainer;
import io.streamnet.nn.explain.TokenContribution;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.schema.ExplainedToken;
import java.util.ArrayList;
import java.util.List;

/**
 * The explanation of a {@code SentimentScore}: the top K tokens of the request's text by |contribution| under the
 * served network ({@link TextExplainer}, {@link IntegratedGradients#DEFAULT_STEPS} path points). The explainer is
 * made for a network spec and rebuilt when a served model brings another one; it reads the weights of the network it
 * is handed on every call, so a served copy updated in place by the next version is explained as it is then.
 */
final class ScoreExplainer {
  private final TextHashingConfig features;
  private final int topK;
  private NetworkSpec spec;
  private TextExplainer explainer;

  ScoreExplainer(TextHashingConfig features, int topK) {
    this.features = features;
    this.topK = topK;
  }

  List<ExplainedToken> explain(Network network, String text) {
    // the served copies keep their spec object: a reference check first, a deep comparison only when it changed
    if (explainer == null || (network.spec() != spec && !network.spec().equals(spec))) {
      spec = network.spec();
      explainer = new TextExplainer(spec, features, IntegratedGradients.DEFAULT_STEPS);
    }
    List<TokenContribution> top = explainer.explain(network, text).top(topK);
    List<ExplainedToken> out = new ArrayList<>(top.size());
    for (TokenContribution t : top) out.add(new ExplainedToken(t.token(), t.contribution()));
    return out;
  }
}
