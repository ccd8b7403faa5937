package io.streamnet.nn.layer;

/**
 * A trainable array of {@code rows x cols} floats (row-major) with its gradient.
 *
 * <p>A dense parameter has a full {@link #grad()} array, overwritten (not accumulated) by every backward pass.
 * A sparse parameter (an embedding table) has no full gradient: its gradient is a {@link SparseRowGradient}
 * holding only the rows the batch used, and optimizers update only those rows (lazy updates).
 * A frozen parameter is not updated by optimizers and gets no gradient.
 *
 * <p><b>Storage.</b> Element {@code i} (row-major, {@code 0 <= i < size()}) is {@code value()[offset() + i]}. The
 * offset is 0 except for a {@linkplain #sparseLineAligned line-aligned table}, whose floats before it only place
 * its rows on cache lines: they are never read, written or persisted. Every reader of {@link #value()} adds it.
 */
public final class Parameter {
    private final String name;
    private final String layer;
    private final int rows;
    private final int cols;
    private final int offset;
    private final float[] value;
    private final float[] grad;
    private final SparseRowGradient sparseGrad;
    private boolean frozen;

    private Parameter(String layer, String name, int rows, int cols, boolean sparse, int offset) {
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("parameter " + name + ": shape must be positive, got [" + rows + ", " + cols + "]");
        if ((long) rows * cols > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("parameter " + name + ": " + rows + " x " + cols + " is too large for one array");
        }
        this.layer = layer;
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.offset = offset;
        this.value = new float[offset + rows * cols];
        this.grad = sparse ? null : new float[rows * cols];
        this.sparseGrad = sparse ? new SparseRowGradient(rows, cols) : null;
    }

    /** A dense parameter named {@code layer + "." + suffix}. */
    public static Parameter dense(String layer, String suffix, int rows, int cols) {
        return new Parameter(layer, layer + "." + suffix, rows, cols, false, 0);
    }

    /** A sparse-gradient parameter (embedding table) named {@code layer + "." + suffix}. */
    public static Parameter sparse(String layer, String suffix, int rows, int cols) {
        return new Parameter(layer, layer + "." + suffix, rows, cols, true, 0);
    }

    /**
     * A sparse-gradient table whose rows start on 64-byte cache lines where the JVM puts a large array's data at a
     * line boundary plus a fixed header (G1's humongous arrays start on a region boundary): its storage begins with
     * {@link LineAlignment#headFloats()} unused floats when a row is a whole number of lines. A row read whole then
     * touches as few lines as it can, and no vector load of it straddles two (docs/ARCHITECTURE.md, "Line-aligned
     * tables"). Elsewhere the offset only costs its few floats.
     */
    public static Parameter sparseLineAligned(String layer, String suffix, int rows, int cols) {
        int offset = (cols * Float.BYTES) % LineAlignment.LINE_BYTES == 0 ? LineAlignment.headFloats() : 0;
        return new Parameter(layer, layer + "." + suffix, rows, cols, true, offset);
    }

    /** Full name, {@code layer.suffix}, e.g. {@code hidden.weight}. */
    public String name() {
        return name;
    }

    /** Name of the layer owning this parameter. */
    public String layer() {
        return layer;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of elements, {@code rows * cols}. */
    public int size() {
        return rows * cols;
    }

    /** Index in {@link #value()} of element 0. */
    public int offset() {
        return offset;
    }

    /** The storage array: element {@code i} is at {@code offset() + i}. */
    public float[] value() {
        return value;
    }

    /** Dense gradient; null for a sparse parameter. */
    public float[] grad() {
        return grad;
    }

    public boolean isSparse() {
        return sparseGrad != null;
    }

    /** Row gradient of a sparse parameter; null for a dense one. */
    public SparseRowGradient sparseGrad() {
        return sparseGrad;
    }

    public boolean frozen() {
        return frozen;
    }

    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    /** "[rows, cols]" for messages. */
    public String shapeString() {
        return "[" + rows + ", " + cols + "]";
    }

    @Override
    public String toString() {
        return name + shapeString() + (isSparse() ? " sparse" : "") + (frozen ? " frozen" : "");
    }
}
