package io.streamnet.registry;

import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.ext.Provider;

/**
 * Lets one write request at a time reach the registry's storage. The shipped storage (H2 in memory) answers
 * concurrent first registrations with HTTP 500 (a lock timeout on its sequence table) or 409 (its own retry finding
 * the half-made artifact); a client that registers while a job starts then fails. Writes are rare in a schema
 * registry and reads stay concurrent, so they queue here instead: fairly, and for at most {@link #MAX_WAIT_SECONDS}
 * (a request whose response never comes back through here must not stop every later write).
 */
@Provider
@Priority(Priorities.USER)
public class SerializedWrites implements ContainerRequestFilter, ContainerResponseFilter {
  static final long MAX_WAIT_SECONDS = 30;
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String HOLDS = "io.streamnet.registry.holds-write";
  private static final Semaphore WRITE = new Semaphore(1, true);

  @Override
  public void filter(ContainerRequestContext request) {
    if (READS.contains(request.getMethod())) {
      return;
    }
    try {
      if (WRITE.tryAcquire(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
        request.setProperty(HOLDS, Boolean.TRUE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(HOLDS) != null) {
      request.removeProperty(HOLDS);
      WRITE.release();
    }
  }
}
