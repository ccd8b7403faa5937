package io.streamnet.nn.layer;

import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;

import java.util.List;

/**
 * Concatenates several inputs along the innermost dimension (e.g. a user and an item embedding into one
 * vector). All inputs must have the same outer shape (same rank; for sequences the same time length).
 */
public final class Concat implements MergeLayer {
    private final String name;
    private final int[] widths;
    private final int total;
    private final Shape outputShape;
    private final Tensor out = new Tensor();
    private final Tensor[] grads;

    public Concat(String name, Shape[] inputShapes) {
        if (inputShapes.length < 2) throw new IllegalArgumentException("concat '" + name + "': needs at least 2 inputs, got " + inputShapes.length);
        this.name = name;
        this.widths = new int[inputShapes.length];
        int sum = 0;
        Shape first = inputShapes[0];
        for (int i = 0; i < inputShapes.length; i++) {
            Shape s = inputShapes[i];
            if (s.rank() != first.rank() || s.outer() != first.outer()) {
                throw new IllegalArgumentException("concat '" + name + "': input " + i + " has shape " + s
                        + ", incompatible with input 0 of shape " + first + " (outer dimensions must match)");
            }
            widths[i] = s.last();
            sum += s.last();
        }
        this.total = sum;
        this.outputShape = first.withLast(sum);
        this.grads = new Tensor[inputShapes.length];
        for (int i = 0; i < grads.length; i++) grads[i] = new Tensor();
    }

    @Override
    public Tensor forward(Tensor[] inputs, boolean training) {
        Tensor x0 = inputs[0];
        int rows = x0.rows();
        out.resizeLikeWithLast(x0, total);
        float[] o = out.data();
        int col = 0;
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            int w = widths[i];
            if (x.last() != w || x.rows() != rows) {
                throw new IllegalArgumentException("concat '" + name + "': input " + i + " is " + x + ", expected " + w
                        + " features and " + rows + " rows");
            }
            float[] xd = x.data();
            for (int r = 0; r < rows; r++) System.arraycopy(xd, r * w, o, r * total + col, w);
            col += w;
        }
        return out;
    }

    @Override
    public Tensor[] backward(Tensor gradOutput) {
        int rows = gradOutput.rows();
        float[] gy = gradOutput.data();
        int col = 0;
        for (int i = 0; i < grads.length; i++) {
            int w = widths[i];
            Tensor g = grads[i].resizeLikeWithLast(gradOutput, w);
            float[] gd = g.data();
            for (int r = 0; r < rows; r++) System.arraycopy(gy, r * total + col, gd, r * w, w);
            col += w;
        }
        return grads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public List<Parameter> params() {
        return List.of();
    }
}
