/**
 * Recommendation: a model that learns from a stream of user-item interactions and ranks the whole catalogue for a
 * user, with the learner that trains it test-then-train. Design and measured alternatives: docs/RECOMMENDATION.md.
 *
 * <h2>Model</h2>
 * {@link io.streamnet.nn.reco.Recommender}: {@code score(user, item) = u . Q[item] + b[item]}; {@code u} pools the
 * user's recent items (read from the item table Q itself, weighted {@code recency^k} with learned position
 * factors), so top-K over the catalogue is one matrix-vector product plus the bias. Ranking loss: sampled softmax
 * against negatives drawn by popularity^0.75 (never items the user interacted with), logQ-corrected. A small nn-core
 * network (the spec's {@code rating_head}) predicts explicit ratings. Built from a
 * {@link io.streamnet.nn.reco.RecommenderSpec} (the {@code model:} section of
 * {@code io/streamnet/nn/prequential/movielens.yaml}).
 *
 * <h2>Ids and memory</h2>
 * {@link io.streamnet.nn.reco.IdVocabulary} maps real ids to rows of fixed-size tables (no hashing, no collisions):
 * row 0 is shared by ids not admitted yet (seen fewer than {@code min_count} times) or while the table is full; an
 * id idle for {@code max_idle_events} observations or {@code max_idle_ms} of event time loses its row, which is
 * re-initialised (from the model's generator, optimizer slots reset) for its next id. Capacity is fixed because
 * {@link io.streamnet.nn.layer.Parameter}s, optimizer slots and snapshots have fixed shapes; memory is bounded by
 * it, admission candidates by {@code max_candidates}, each user's exclusion set by {@code history.max_interacted},
 * the learner's users by {@code learner.max_users}.
 *
 * <h2>Streaming integration</h2>
 * <pre>
 * RecoLearner learner = new RecoLearner(RecoRunnerSpec.load(file).learner());   // trainer side
 * learner.step(List.of(InteractionEvent.rated(user, item, 4.5f, timeMillis)));  // score, count, train
 * byte[] checkpoint = learner.encode();  RecoLearner back = RecoLearner.decode(checkpoint);   // bit-identical
 *
 * Recommender trainer = learner.model();
 * Recommender scorer = Recommender.forScoring(trainer.spec());                 // scorer side, no optimizer slots
 * for (int p = 0; p &lt; n; p++) copy trainer.parameters().get(p).value() into scorer.parameters().get(p).value();
 * for (int v = 0; v &lt; 2; v++) for (int row = 1; row &lt; capacity; row++)          // items, then users
 *     scorer.vocabularies().get(v).assign(row, trainer.vocabularies().get(v).idAt(row));
 * scorer.contentChanged();          // after any change by hand (SnapshotPayload.apply calls it): see CatalogueScorer
 * UserHistory h = new UserHistory(spec.history());  h.record(item, positive);  // keyed state: h.encode() / decode
 * int n = scorer.topK(h, user, k, outIds, outScores);                          // best first; interacted excluded
 * boolean popular = scorer.isPopularityFallback(h, user);                      // no history: item-bias ranking
 * float r = scorer.predictRating(h, user, item);
 * </pre>
 * {@code Recommender.scoringCopy()} does the same copy in one call; {@code encode()} / {@code encodeForScoring()} /
 * {@code decode(byte[])} carry the whole model (formats in {@code RecommenderCodec} and {@code RecoLearner.encode}).
 * Scores are logits (apply a sigmoid for a probability-like value).
 *
 * <h2>Sessions</h2>
 * {@link io.streamnet.nn.reco.SessionLearner}: next-item recommendation within anonymous sessions (diginetica), one
 * view at a time, ranked then learned: {@link io.streamnet.nn.reco.SessionGru} (a GRU over the session's last items,
 * scored against the item table; the hybrid adds the item-kNN score and a re-view score), the GRU alone, and the
 * most-popular and session item-kNN baselines, with HR@K and MRR@K ({@link io.streamnet.nn.reco.TopKCounts}). Built
 * from a {@link io.streamnet.nn.reco.SessionLearnerSpec} ({@code io/streamnet/nn/prequential/diginetica.yaml}).
 *
 * <h2>Rules</h2>
 * Every random draw comes from the model's seeded {@link io.streamnet.nn.random.Rng}: the same spec and stream give
 * bit-identical weights. A bad event is refused with {@link io.streamnet.nn.reco.InvalidEventException} naming the
 * field, before anything changes; a step whose loss or gradient is not finite is refused and counted. Not
 * thread-safe: one thread uses a model, a learner or a history at a time. No allocation per event once buffers have
 * grown.
 */
package io.streamnet.nn.reco;
