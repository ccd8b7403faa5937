/**
 * Network specs: the declarative description a user writes (JSON or YAML) or builds
 * ({@link io.streamnet.nn.spec.NetworkSpec#builder()}); both give the same immutable record.
 *
 * <h2>Format</h2>
 * Top level: {@code name} (optional), {@code seed} (default 0), {@code inputs}, {@code layers}, {@code loss},
 * {@code optimizer}. Unknown keys are errors. Integers may be written {@code 2^18}.
 * <table>
 *   <caption>Inputs</caption>
 *   <tr><th>type</th><th>keys</th><th>batch value</th></tr>
 *   <tr><td>dense</td><td>name, size, time (optional: a [time, size] sequence)</td><td>Tensor [n, size] or [n, time, size]</td></tr>
 *   <tr><td>sparse_ids</td><td>name, vocab</td><td>SparseIds: a bag of ids in [0, vocab) per example, optional weights</td></tr>
 *   <tr><td>ids</td><td>name, vocab, width (default 1)</td><td>IdColumn: width ids in [0, vocab) per example; a token
 *       sequence holds up to width ids (IdColumn.setLength), the rest is padding that the sequence layers mask</td></tr>
 * </table>
 * <table>
 *   <caption>Layers (all take name, input or inputs; a layer without input reads the previous layer)</caption>
 *   <tr><th>type</th><th>keys (defaults)</th></tr>
 *   <tr><td>dense</td><td>units; activation (identity) = identity|relu|leaky_relu|sigmoid|tanh|gelu, fused;
 *       slope (0.01, leaky_relu); bias (true); init (he_uniform before relu-like, else xavier_uniform); frozen (false)</td></tr>
 *   <tr><td>embedding_bag</td><td>dim; mode (mean) = sum|mean; init (normal std 0.1); frozen. Input: sparse_ids.
 *       An empty bag gives the zero vector and no gradient.</td></tr>
 *   <tr><td>embedding</td><td>dim; init (normal std 0.1); frozen. Input: ids. Output [n, dim] (width 1) or [n, width, dim]
 *       (padded positions are zero).</td></tr>
 *   <tr><td>conv1d_max_pool</td><td>filters; widths (a list, each in [1, time], distinct); activation (relu) = relu|identity;
 *       bias (true); init (he_uniform before relu, else xavier_uniform); frozen. Input: a sequence [time, channels].
 *       Output [widths * filters]: per width, 1-D convolutions, max over time (padding never wins), bias, activation.</td></tr>
 *   <tr><td>gru, lstm</td><td>units; truncate (0 = full backpropagation through time; k: gradients cross at most k
 *       steps); output (last) = last|all; init (xavier_uniform; biases zero, an LSTM's forget bias one); frozen. Input: a
 *       sequence. Output [units] (the last valid state) or [time, units] (every state, padded positions zero).</td></tr>
 *   <tr><td>concat</td><td>inputs (two or more, concatenated along the last dimension)</td></tr>
 *   <tr><td>dropout</td><td>rate in [0, 1)</td></tr>
 *   <tr><td>layer_norm</td><td>eps (1e-5); frozen</td></tr>
 *   <tr><td>relu, leaky_relu (slope), sigmoid, tanh, gelu, softmax</td><td>activation layers</td></tr>
 * </table>
 * Initializers: {@code he_uniform}, {@code he_normal}, {@code xavier_uniform}, {@code xavier_normal}, {@code zeros},
 * {@code {type: normal, std: s}}, {@code {type: uniform, limit: a}}.
 * <p>Loss: {@code mse}, {@code bce_with_logits} (targets in [0, 1]), {@code softmax_cross_entropy} (class targets;
 * output units = classes). The last layer's output is the logits.
 * <p>Optimizer: {@code type} sgd|adagrad|adam|adamw, {@code lr}; sgd: momentum (0), nesterov (false); adagrad: eps
 * (1e-10), initial_accumulator (0); adam/adamw: beta1 (0.9), beta2 (0.999), eps (1e-8); all: weight_decay (0; adamw
 * 0.01; decoupled for adamw, L2 otherwise), clip_norm (0 = off; global gradient norm), schedule (constant |
 * inverse_sqrt with timescale, default 1000), warmup_steps (0). Embedding tables are always updated lazily (only
 * the rows a batch used). groups ([]): {@code [{layers: [emb, hidden], lr_scale: 0.1}, {layers: [out], lr: 0.01}]},
 * a learning rate per layer group (a scale of the scheduled rate; {@code lr} is read as {@code lr / optimizer.lr}).
 * <p>Transfer learning: {@code frozen: true} on any layer with parameters keeps its weights bit-identical (no
 * gradient, no update, no optimizer state); {@code transfer: {from: FILE, layers: [emb, hidden]}} at the top level
 * starts the named layers (all layers with parameters if none are named) from a model state file, the others fresh
 * ({@link io.streamnet.nn.spec.TransferSpec}; a layer whose shapes differ fails naming the layer and parameter).
 *
 * <p>Errors are {@link io.streamnet.nn.spec.SpecException}s whose message starts with the location, e.g.
 * {@code layers[2] (dense 'hidden'): units must be > 0, got -3} or {@code optimizer.lr: must be finite and > 0}.
 * {@link io.streamnet.nn.spec.ReferenceSpecs} holds the reference models S, R and D.
 */
package io.streamnet.nn.spec;
