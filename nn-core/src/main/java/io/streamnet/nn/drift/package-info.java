/**
 * Drift (change) detectors over a stream of values such as per-event errors: {@link io.streamnet.nn.drift.Adwin}
 * (Bifet &amp; Gavald&agrave; 2007) and {@link io.streamnet.nn.drift.PageHinkley}.
 */
package io.streamnet.nn.drift;
