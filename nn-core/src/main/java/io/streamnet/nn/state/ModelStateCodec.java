package io.streamnet.nn.state;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.SpecException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The model state as bytes: spec, weights, optimizer slots, step counter, generator state and training
 * counters. Decoding gives a network that continues exactly as the encoded one would have (bit-identical
 * weights and slots, same random sequence), and re-encoding it gives the same bytes.
 *
 * <p>Format version 1 (big-endian):
 * <pre>
 *   header   "SNNM" | int version = 1 | int flags (bit 0: optimizer section present)
 *   content  int n + n bytes: canonical spec JSON (UTF-8)
 *            long generator state
 *            long trained batches | long trained examples | long rejected (loss) | long rejected (gradient)
 *            int parameter count; per parameter: string name | int rows | int cols | byte frozen | rows*cols floats
 *            if optimizer: string type | long steps | int slot count | slot names (strings);
 *                          per parameter, per slot: rows*cols floats
 *   trailer  32 bytes: SHA-256 of everything before it
 * </pre>
 * Strings are int length + UTF-8 bytes. The checksum is verified before anything is parsed.
 */
public final class ModelStateCodec {
    static final byte[] MAGIC = {'S', 'N', 'N', 'M'};
    static final int VERSION = 1;
    static final int FLAG_OPTIMIZER = 1;
    static final int HEADER = 12;
    static final int DIGEST = 32;

    private ModelStateCodec() {}

    /** Encodes the full training state (with optimizer slots if the network is trainable). */
    public static byte[] encode(Network net) {
        return encode(net, net.trainable());
    }

    /**
     * Encodes the state; without the optimizer section the bytes decode into a scoring-only network (weights,
     * spec and generator only: the smaller form for scoring snapshots).
     */
    public static byte[] encode(Network net, boolean withOptimizer) {
        long size = encodedSize(net, withOptimizer);
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("model state of " + size + " bytes exceeds one array; encode without optimizer or shrink the model");
        byte[] out = new byte[(int) size];
        encodeInto(net, withOptimizer, out, 0, (int) size);
        return out;
    }

    /** The length of {@link #encode(Network, boolean)}'s bytes. */
    public static long encodedSize(Network net, boolean withOptimizer) {
        Optimizer opt = net.optimizer();
        if (withOptimizer && opt == null) throw new IllegalArgumentException("the network has no optimizer (built for scoring)");
        List<Parameter> params = net.parameters();
        String[] slotNames = withOptimizer ? opt.slotNames() : new String[0];
        long size = HEADER + 4L + net.spec().toJson().getBytes(StandardCharsets.UTF_8).length + 8 + 32 + 4;
        for (Parameter p : params) size += stringSize(p.name()) + 4 + 4 + 1 + 4L * p.size();
        if (withOptimizer) {
            size += stringSize(opt.name()) + 8 + 4;
            for (String s : slotNames) size += stringSize(s);
            for (Parameter p : params) size += 4L * p.size() * slotNames.length;
        }
        return size + DIGEST;
    }

    /**
     * Writes {@link #encode(Network, boolean)}'s bytes into {@code out} from {@code off}, so that a larger state can
     * hold this one without a copy; {@code size} is their {@link #encodedSize} (the caller has it already), checked.
     */
    public static void encodeInto(Network net, boolean withOptimizer, byte[] out, int off, int size) {
        Optimizer opt = net.optimizer();
        byte[] spec = net.spec().toJson().getBytes(StandardCharsets.UTF_8);
        List<Parameter> params = net.parameters();
        String[] slotNames = withOptimizer ? opt.slotNames() : new String[0];
        ByteBuffer buf = ByteBuffer.wrap(out, off, size);
        buf.put(MAGIC).putInt(VERSION).putInt(withOptimizer ? FLAG_OPTIMIZER : 0);
        buf.putInt(spec.length).put(spec);
        buf.putLong(net.rng().state());
        var c = net.counters();
        buf.putLong(c.trainedBatches()).putLong(c.trainedExamples()).putLong(c.rejectedNonFiniteLoss()).putLong(c.rejectedNonFiniteGradient());
        buf.putInt(params.size());
        for (Parameter p : params) {
            putString(buf, p.name());
            buf.putInt(p.rows()).putInt(p.cols()).put((byte) (p.frozen() ? 1 : 0));
            putFloats(buf, p.value(), p.offset(), p.size());
        }
        if (withOptimizer) {
            putString(buf, opt.name());
            buf.putLong(opt.steps());
            buf.putInt(slotNames.length);
            for (String s : slotNames) putString(buf, s);
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                for (int s = 0; s < slotNames.length; s++) putFloats(buf, opt.slot(i, s), p.offset(), p.size());
            }
        }
        int contentEnd = buf.position();
        buf.put(Sha256.of(out, off, contentEnd - off));
        if (buf.position() != off + size) throw new IllegalStateException("state size miscomputed: " + (buf.position() - off) + " != " + size);
    }

    /** Writes {@link #encode(Network)} to a stream. */
    public static void write(Network net, OutputStream out) throws IOException {
        out.write(encode(net));
    }

    /** Reads a whole stream and {@link #decode(byte[])}s it. */
    public static Network read(InputStream in) throws IOException {
        return decode(in.readAllBytes());
    }

    /** Decodes state bytes with the spec they carry. */
    public static Network decode(byte[] bytes) {
        return decode(bytes, null);
    }

    /**
     * Decodes state bytes into a network of {@code spec} (null: the spec stored in the bytes). The spec must
     * describe the stored parameters exactly (names, order and shapes) and, for a training state, the same
     * optimizer type.
     *
     * @throws StateFormatException on a checksum mismatch (names the checksum), a truncated or unknown format, or
     *                              a spec that does not match the weights (names the layer, parameter, shapes)
     */
    public static Network decode(byte[] bytes, NetworkSpec spec) {
        if (bytes.length < HEADER + DIGEST) throw new StateFormatException("model state too short: " + bytes.length + " bytes");
        if (!Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
            throw new StateFormatException("not a StreamNet model state (magic bytes " + HexFormat.of().formatHex(bytes, 0, 4) + ", expected 534e4e4d \"SNNM\")");
        }
        int contentEnd = bytes.length - DIGEST;
        byte[] stored = Arrays.copyOfRange(bytes, contentEnd, bytes.length);
        byte[] computed = Sha256.of(bytes, 0, contentEnd);
        if (!MessageDigest.isEqual(stored, computed)) {
            throw new StateFormatException("model state checksum mismatch (SHA-256): stored " + HexFormat.of().formatHex(stored)
                    + ", computed " + HexFormat.of().formatHex(computed) + "; the state is corrupted");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, contentEnd);
        try {
            buf.position(4);
            int version = buf.getInt();
            if (version != VERSION) throw new StateFormatException("unsupported model state format version " + version + " (this build reads " + VERSION + ")");
            boolean withOptimizer = (buf.getInt() & FLAG_OPTIMIZER) != 0;
            String storedSpec = getString(buf, "spec");
            NetworkSpec s = spec;
            if (s == null) {
                try {
                    s = NetworkSpec.fromJson(storedSpec);
                } catch (SpecException e) {
                    throw new StateFormatException("the spec stored in the model state is invalid: " + e.getMessage(), e);
                }
            }
            Network net = Network.withoutInitialization(s, withOptimizer);
            long rngState = buf.getLong();
            long tb = buf.getLong(), te = buf.getLong(), rl = buf.getLong(), rg = buf.getLong();
            List<Parameter> params = net.parameters();
            int count = buf.getInt();
            for (int i = 0; i < count; i++) {
                String name = getString(buf, "parameter name");
                int rows = buf.getInt();
                int cols = buf.getInt();
                boolean frozen = buf.get() != 0;
                if (i >= params.size()) {
                    throw new StateFormatException("the state holds " + count + " parameters, the spec describes " + params.size()
                            + ": the state's '" + name + "' of shape [" + rows + ", " + cols + "] has no place in the spec");
                }
                Parameter p = params.get(i);
                if (!name.equals(p.name()) || rows != p.rows() || cols != p.cols()) {
                    throw new StateFormatException("layer '" + p.layer() + "': the spec expects parameter '" + p.name() + "' of shape "
                            + p.shapeString() + ", the state holds '" + name + "' of shape [" + rows + ", " + cols + "]");
                }
                getFloats(buf, p.value(), p.offset(), p.size());
                p.setFrozen(frozen);
            }
            if (count < params.size()) {
                Parameter p = params.get(count);
                throw new StateFormatException("layer '" + p.layer() + "': the spec expects parameter '" + p.name() + "' of shape "
                        + p.shapeString() + ", the state holds only " + count + " parameters");
            }
            net.refreshFrozen();
            if (withOptimizer) {
                Optimizer opt = net.optimizer();
                String type = getString(buf, "optimizer type");
                if (!type.equals(opt.name())) {
                    throw new StateFormatException("optimizer: the spec says '" + opt.name() + "', the state holds slots of '" + type + "'");
                }
                opt.setSteps(buf.getLong());
                int slots = buf.getInt();
                String[] names = new String[slots];
                for (int i = 0; i < slots; i++) names[i] = getString(buf, "slot name");
                if (!Arrays.equals(names, opt.slotNames())) {
                    throw new StateFormatException("optimizer '" + type + "': the spec's settings give slots " + Arrays.toString(opt.slotNames())
                            + ", the state holds " + Arrays.toString(names));
                }
                for (int i = 0; i < params.size(); i++) {
                    Parameter p = params.get(i);
                    for (int k = 0; k < slots; k++) getFloats(buf, opt.slot(i, k), p.offset(), p.size());
                }
            }
            if (buf.hasRemaining()) throw new StateFormatException("model state has " + buf.remaining() + " unexpected bytes after its content");
            net.rng().setState(rngState);
            net.counters().restore(tb, te, rl, rg);
            return net;
        } catch (BufferUnderflowException e) {
            throw new StateFormatException("model state is truncated (ends at byte " + contentEnd + " inside its content)", e);
        }
    }

    private static int stringSize(String s) {
        return 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putString(ByteBuffer buf, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        buf.putInt(b.length).put(b);
    }

    private static String getString(ByteBuffer buf, String what) {
        int n = buf.getInt();
        if (n < 0 || n > buf.remaining()) throw new StateFormatException("model state: bad length " + n + " of " + what + " at byte " + (buf.position() - 4));
        byte[] b = new byte[n];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void putFloats(ByteBuffer buf, float[] a, int off, int n) {
        // Bulk copy through a float view (raw bits: NaN payloads and -0 survive).
        buf.asFloatBuffer().put(a, off, n);
        buf.position(buf.position() + 4 * n);
    }

    private static void getFloats(ByteBuffer buf, float[] a, int off, int n) {
        if (buf.remaining() < 4L * n) throw new BufferUnderflowException();
        buf.asFloatBuffer().get(a, off, n);
        buf.position(buf.position() + 4 * n);
    }

}
