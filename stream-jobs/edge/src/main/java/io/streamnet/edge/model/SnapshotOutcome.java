package io.streamnet.edge.model;

/** What the store did with one record of the snapshots topic. */
public enum SnapshotOutcome {
  /** Its version is now served. */
  SERVED,
  /** Not newer than the version served: ignored, so the served version never goes back. */
  STALE,
  /** A delta whose FULL base has not been read yet: kept, and applied once that FULL is served. */
  AWAITING_BASE,
  /** Its parameters do not match its SHA-256: refused. */
  REFUSED_CHECKSUM,
  /** Signing keys are configured and it is unsigned, signed by an unknown key, or changed since it was signed. */
  REFUSED_SIGNATURE,
  /** It does not decode, names an unknown task, or its payload does not fit its spec: refused. */
  REFUSED_INVALID,
  /** A model this application does not serve: ignored. */
  NOT_SERVED_HERE
}
