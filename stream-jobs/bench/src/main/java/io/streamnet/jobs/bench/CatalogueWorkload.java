package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.RecoRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;

/**
 * The recommendation scoring phase's load over one catalogue: its stream's ratings as {@code Interaction}s (event
 * time = send time: a live stream), and top-{@value #K} requests for the whole catalogue (no candidates), each for
 * the user of a seeded random seed event: active users in proportion to their activity, each with a history the
 * scorer holds. Remembers everything it made, for {@link TopKReference} after the run.
 */
final class CatalogueWorkload implements ScoringWorkload {
  static final int K = 10;
  static final long REQUEST_SEED = 7;

  private final CatalogueStream stream;
  private final long[] seedUsers;
  private final SplittableRandom random = new SplittableRandom(REQUEST_SEED);
  /** Every labeled event made, seed first; read after the run. */
  private final List<Interaction> made = new ArrayList<>();
  /** Every request made; read after the run. */
  private final List<RecoRequest> requests = new ArrayList<>();

  CatalogueWorkload(CatalogueStream stream) {
    this.stream = stream;
    this.seedUsers = new long[Math.toIntExact(stream.seedEvents())];
  }

  @Override
  public long seedEvents() {
    return seedUsers.length;
  }

  @Override
  public SpecificRecord labeled(long n, String id, long nowMillis) {
    if (n != made.size()) {
      throw new IllegalStateException("labeled event " + n + " asked for after " + made.size());
    }
    CatalogueStream.Event e = stream.next();
    if (n < seedUsers.length) {
      seedUsers[(int) n] = e.userId(); // written before the request generator starts, which reads it
    }
    Interaction i = new Interaction(e.userId(), e.itemId(), e.rating(), null, Instant.ofEpochMilli(nowMillis));
    made.add(i);
    return i;
  }

  @Override
  public SpecificRecord request(long n, String id, long nowMillis) {
    RecoRequest r = new RecoRequest(id, seedUsers[random.nextInt(seedUsers.length)], K, null,
        Instant.ofEpochMilli(nowMillis));
    requests.add(r);
    return r;
  }

  @Override
  public double requestRate(double configured) {
    return configured * stream.requestShare();
  }

  @Override
  public AnswerFields<?> answers() {
    return AnswerFields.RECOMMENDATION;
  }

  @Override
  public SummaryLine afterRun(JobConfig config, long from, long to) {
    return TopKReference.measure(config, made, requests.subList((int) from, (int) Math.min(to, requests.size())));
  }
}
