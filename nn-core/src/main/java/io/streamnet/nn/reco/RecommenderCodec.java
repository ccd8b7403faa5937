package io.streamnet.nn.reco;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.spec.SpecException;
import io.streamnet.nn.state.StateFormatException;
import java.util.Arrays;
import java.util.List;

/**
 * The recommender's state as bytes: spec, generator, counters, both vocabularies (rows, admission counts, last uses,
 * free-row order), the ranking weights, the optimizer's slots and step, the negative sampler's counts, and the rating
 * head (an nn-core model state). Decoding gives a model that continues exactly as the encoded one would have
 * (bit-identical weights, slots, rows and random sequence), and re-encoding it gives the same bytes.
 *
 * <p>Format version 1 (big-endian; strings and byte blocks are an int length then the bytes, UTF-8 for strings):
 * <pre>
 *   header   "SNRM" | int version = 1
 *   content  string spec (canonical JSON, RecommenderSpec.toJson)
 *            byte optimizer present (1: a training state, 0: a scoring state)
 *            long generator state
 *            long ranking steps | long ranking examples | long refused ranking steps | long refused rating steps
 *            long negatives drawn | long negatives rejected
 *            items vocabulary, users vocabulary (IdVocabulary's section, below)
 *            bytes rating head (io.streamnet.nn.state.ModelStateCodec, with its optimizer iff a training state)
 *            double rating mean | long ratings averaged
 *            int ranking parameter count; per parameter: string name | int rows | int cols | rows*cols floats
 *            if optimizer: string type | long steps | int slot count | slot names;
 *                          per parameter, per slot: rows*cols floats;
 *                          int item rows | per item row: int positives (the sampler's counts)
 *   trailer  32 bytes: SHA-256 of everything before it
 * </pre>
 * A vocabulary section: int capacity | int min_count | long max_idle_events | long max_idle_ms | int max_candidates |
 * long clock | long latest event time | long admissions | long expirations | rows | per row in use (least recently
 * used first): long last use (clock) | long last use (event time) | candidates | per candidate: int count; where an
 * index (rows, candidates) is int capacity | int size | per slot in use, least recently used first: int slot | long
 * id | then the free slots as ints, bottom of the stack first. Floats are raw IEEE bits. The checksum is verified
 * before anything is parsed.
 */
final class RecommenderCodec {
    static final byte[] MAGIC = {'S', 'N', 'R', 'M'};
    static final int VERSION = 1;

    private RecommenderCodec() {}

    static byte[] encode(Recommender m, boolean withOptimizer) {
        if (withOptimizer && !m.trainable()) {
            throw new IllegalArgumentException("the recommender has no optimizer (built for scoring)");
        }
        return StateWriter.encode(MAGIC, VERSION, out -> writeTo(m, out, withOptimizer));
    }

    static void writeTo(Recommender m, StateWriter out, boolean withOptimizer) {
        out.putString(m.spec().toJson()).putBoolean(withOptimizer).putLong(m.rng().state());
        for (long c : m.counters()) {
            out.putLong(c);
        }
        m.items().writeTo(out);
        m.users().writeTo(out);
        m.ratingHead().writeTo(out, withOptimizer);
        List<Parameter> params = m.rankingParameters();
        out.putInt(params.size());
        for (Parameter p : params) {
            out.putString(p.name()).putInt(p.rows()).putInt(p.cols()).putFloats(p.value(), p.offset(), p.size());
        }
        if (withOptimizer) {
            Optimizer opt = m.optimizer();
            String[] slots = opt.slotNames();
            out.putString(opt.name()).putLong(opt.steps()).putInt(slots.length);
            for (String s : slots) {
                out.putString(s);
            }
            for (int p = 0; p < params.size(); p++) {
                for (int s = 0; s < slots.length; s++) {
                    out.putFloats(opt.slot(p, s), params.get(p).offset(), params.get(p).size());
                }
            }
            m.sampler().writeTo(out);
        }
    }

    static Recommender decode(byte[] bytes) {
        StateReader in = StateReader.open(bytes, MAGIC, VERSION, "recommender state");
        Recommender m = readFrom(in);
        in.finish();
        return m;
    }

    static Recommender readFrom(StateReader in) {
        RecommenderSpec spec;
        try {
            spec = RecommenderSpec.fromJson(in.getString("spec"));
        } catch (SpecException e) {
            throw new StateFormatException("the spec stored in the recommender state is invalid: " + e.getMessage(), e);
        }
        boolean withOptimizer = in.getBoolean("optimizer flag");
        long rngState = in.getLong("generator state");
        long[] counters = new long[Recommender.COUNTERS];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = in.getLong("counter " + i);
        }
        IdVocabulary items = vocabulary(in, "items", spec.items());
        IdVocabulary users = vocabulary(in, "users", spec.users());
        RatingHead head = RatingHead.readFrom(in, spec.ratingHead(), spec.ratings());
        if (head.network().trainable() != withOptimizer) {
            throw in.invalid("rating head", "its optimizer section does not match the recommender's");
        }
        Recommender m = Recommender.restored(spec, withOptimizer, items, users, head);
        List<Parameter> params = m.rankingParameters();
        int count = in.getInt("parameter count");
        if (count != params.size()) {
            throw in.invalid("parameters", "the state holds " + count + ", the spec describes " + params.size() + " "
                    + params.stream().map(Parameter::name).toList());
        }
        for (Parameter p : params) {
            String name = in.getString("parameter name");
            int rows = in.getInt("rows of " + name);
            int cols = in.getInt("cols of " + name);
            if (!name.equals(p.name()) || rows != p.rows() || cols != p.cols()) {
                throw in.invalid("parameters", "the spec expects '" + p.name() + "' of shape " + p.shapeString()
                        + ", the state holds '" + name + "' of shape [" + rows + ", " + cols + "]");
            }
            in.getFloats(name, p.value(), p.offset(), p.size());
        }
        if (withOptimizer) {
            Optimizer opt = m.optimizer();
            String type = in.getString("optimizer type");
            if (!type.equals(opt.name())) {
                throw in.invalid("optimizer", "the spec says '" + opt.name() + "', the state holds '" + type + "'");
            }
            opt.setSteps(in.getLong("optimizer steps"));
            String[] names = new String[in.getInt("slot count", 0, 16)];
            for (int s = 0; s < names.length; s++) {
                names[s] = in.getString("slot name");
            }
            if (!Arrays.equals(names, opt.slotNames())) {
                throw in.invalid("optimizer", "the spec gives slots " + Arrays.toString(opt.slotNames())
                        + ", the state holds " + Arrays.toString(names));
            }
            for (int p = 0; p < params.size(); p++) {
                for (int s = 0; s < names.length; s++) {
                    Parameter param = params.get(p);
                    in.getFloats("slot " + names[s] + " of " + param.name(), opt.slot(p, s), param.offset(), param.size());
                }
            }
            m.sampler().readFrom(in);
        }
        m.rng().setState(rngState);
        m.restoreCounters(counters);
        return m;
    }

    private static IdVocabulary vocabulary(StateReader in, String name, VocabularySpec expected) {
        IdVocabulary v = IdVocabulary.readFrom(in);
        if (!v.spec().equals(expected)) {
            throw in.invalid(name + " vocabulary", "spec " + v.spec() + " differs from the model spec's " + expected);
        }
        return v;
    }
}
