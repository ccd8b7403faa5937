package io.streamnet.nn.reco;

import io.streamnet.nn.layer.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The recommender's parameters have distinct names: snapshots and state address them by name. */
final class UniqueNames {
    private UniqueNames() {}

    static void check(List<Parameter> ps) {
        Set<String> names = new HashSet<>();
        for (Parameter p : ps) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("parameter name '" + p.name() + "' is used twice: rename the"
                        + " rating head's layer (the ranking weights are named reco_*)");
            }
        }
    }
}
