package io.streamnet.nn.snapshot;

/**
 * A table mapping each row of a model's embedding tables to the source id (a user or item id) it holds. Snapshots
 * carry it beside the parameters, so a scorer knows which id a row is, exactly (no hashing, no collisions).
 */
public interface IdTable {
  /** The id of a row that holds no id (free, or shared by the ids not admitted). */
  long NO_ID = Long.MIN_VALUE;

  /** Unique among the model's id tables; the payload names the table by it. */
  String name();

  /** Rows of the table: fixed for the model's life, like a parameter's shape. */
  int rows();

  /** The id held by {@code row}, or {@link #NO_ID}. */
  long idAt(int row);

  /** Makes {@code row} hold {@code id} ({@link #NO_ID} frees it): how a scorer installs a snapshot's rows. */
  void assign(int row, long id);
}
