package io.streamnet.nn.layer;

import io.streamnet.nn.tensor.Tensor;

/**
 * The forward kernel of {@link Conv1DMaxPool}: for one example and one kernel width, each filter's largest window
 * sum and the first window reaching it. A window of width w starting at position t is the contiguous run
 * {@code x[t*C .. (t+w)*C)} times the kernel {@code [w*C, filters]}.
 *
 * <p>The contract every implementation keeps, so that the choice changes speed and never a result: each window
 * is summed as the plain loop does, from 0, adding one product at a time, row by row (position by position,
 * channel by channel), a multiply and then an add (never a fused multiply-add); windows compete in order with
 * {@code >}, the first window always taken (ties and NaN keep the earlier one).
 */
interface WindowMax {
    /** Takes the kernel {@code [w*C, filters]} of the i-th width; before any window of this forward pass. */
    void pack(int i, float[] kernel);

    /**
     * For each example b of the sequence x {@code [batch, time, C]} with a non-empty valid length: the largest sum
     * of each filter of the i-th width over the windows of its valid positions into
     * {@code out[b * stride + i * filters ..+filters)}, the first window reaching it into {@code argmax} at the same
     * places. A sequence shorter than the width has one window, read up to its end. Empty examples are left as
     * they are.
     */
    void maxOverWindows(int i, Tensor x, float[] out, int[] argmax, int stride);

    /** The kernel of this JVM ({@link WindowMaxChoice}) for these shapes. */
    static WindowMax create(int channels, int filters, int[] widths) {
        return WindowMaxChoice.create(channels, filters, widths);
    }
}
