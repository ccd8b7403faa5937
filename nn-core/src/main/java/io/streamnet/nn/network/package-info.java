/**
 * The network API of nn-core: build a network from a spec, feed it minibatches, train, predict, save.
 *
 * <h2>Build</h2>
 * <pre>
 * NetworkSpec spec = NetworkSpec.fromYaml(text);            // or fromJson, load(Path), ReferenceSpecs.sentiment()
 * NetworkSpec same = NetworkSpec.builder().seed(42)         // or the fluent builder (same record)
 *     .sparseInput("tokens", 1 &lt;&lt; 18)
 *     .embeddingBag("emb", "tokens", 64, "mean")
 *     .dense("hidden", 64, "relu")
 *     .dense("out", 1)
 *     .loss(LossSpec.bceWithLogits())
 *     .optimizer(OptimizerSpec.adam(1e-3))
 *     .build();
 * Network net = Network.build(spec);                       // weights initialized from spec.seed()
 * long n = net.parameterCount();
 * </pre>
 *
 * <h2>Train and predict (test-then-train)</h2>
 * <pre>
 * Batch batch = net.newBatch();                            // reuse it: no allocation once grown
 * batch.start(32);
 * SparseIds bag = batch.sparse("tokens");
 * for (int i = 0; i &lt; 32; i++) { bag.addExample(ids[i], 0, len[i]); batch.targets().set(i, label[i]); }
 * Tensor p = net.predict(batch);                           // [32, 1] probabilities (sigmoid/softmax heads)
 * TrainResult r = net.trainBatch(batch);                   // r.status(), r.loss(), r.step()
 * Tensor same = net.lastTrainingPredictions();             // pre-update predictions of that train step
 * </pre>
 * Inputs by type: {@code batch.dense(name)} ({@link io.streamnet.nn.tensor.Tensor} [n, size], write row-major
 * into {@code data()}), {@code batch.sparse(name)} ({@link io.streamnet.nn.tensor.SparseIds}, one bag per
 * example), {@code batch.ids(name)} ({@link io.streamnet.nn.tensor.IdColumn}, {@code set(i, id)}). Targets:
 * {@code batch.targets().set(i, y)} for mse/bce_with_logits, {@code setClass(i, c)} for softmax_cross_entropy.
 * Optional example weights: {@code batch.setWeight(i, w)}.
 *
 * <h2>Safety</h2>
 * <ul>
 *   <li>{@link io.streamnet.nn.network.InvalidBatchException}: a NaN/infinite feature or target, an id outside
 *       the vocabulary, a wrong shape or count; names the field ({@code input 'x'}, {@code targets}, {@code weights})
 *       and the example index; thrown before anything changes.</li>
 *   <li>A batch whose loss or gradient is NaN/infinite is not applied: {@link io.streamnet.nn.network.TrainStatus}
 *       {@code REJECTED_NONFINITE_LOSS}/{@code REJECTED_NONFINITE_GRADIENT}, counted in
 *       {@link io.streamnet.nn.network.Network#counters()}; weights and optimizer state stay bit-identical.</li>
 *   <li>An empty bag in an EmbeddingBag gives the zero vector and no gradient to any row.</li>
 * </ul>
 *
 * <h2>State</h2>
 * <pre>
 * byte[] state = ModelStateCodec.encode(net);              // spec, weights, optimizer slots, steps, RNG, counters
 * Network back = ModelStateCodec.decode(state);            // bit-identical; SHA-256 checked
 * ParameterSnapshot w = net.copyParameters();              // weights only, for scoring snapshots
 * Network scorer = net.scoringCopy();                      // scoring-only copy (no optimizer slots)
 * net.setFrozen("emb", true);                             // per-layer freezing
 * </pre>
 * Threading: a network and its batches are used by one thread at a time; tensors returned by predict and
 * lastTrainingPredictions are owned by the network and overwritten by the next call.
 *
 * <h2>Speed</h2>
 * Run the JVM with {@code --add-modules jdk.incubator.vector}: embedding rows and optimizer row updates then use
 * the Vector API ({@link io.streamnet.nn.tensor.RowKernels}, bit-identical to the scalar fallback, about 8x faster
 * on 64-float rows), as does the GEMM kernel. At steady state a training or scoring step allocates nothing but
 * its small {@link io.streamnet.nn.network.TrainResult}; buffers grow with the largest batch and are reused.
 * Lazy optimizer updates visit the touched rows of a table in ascending row order (memory locality).
 */
package io.streamnet.nn.network;
