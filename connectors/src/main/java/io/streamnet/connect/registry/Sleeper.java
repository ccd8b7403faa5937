package io.streamnet.connect.registry;

import java.time.Duration;

/** Waits between retries; replaceable so that tests can record back-off waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {

  /** The real wait. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
