package io.streamnet.nn.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Counts examples, so that JMH reports examples per second (the peer's unit) beside calls per second. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Examples {
    public long examples;

    @Setup(Level.Iteration)
    public void reset() {
        examples = 0;
    }
}
