package io.streamnet.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * BACKWARD compatibility as schema registries define it: consumers using the new schema can read data written
 * with every earlier version (the new schema is the reader, each old one a writer). Uses Avro's own
 * {@link SchemaCompatibility} resolution rules.
 */
public final class BackwardCompatibility {

  private BackwardCompatibility() {}

  /**
   * Why {@code reader} cannot read data written with {@code writer}; empty when it can.
   * Each entry names the problem and its location in the schema (a JSON pointer).
   */
  public static List<String> problems(Schema reader, Schema writer) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    List<String> problems = new ArrayList<>();
    for (Incompatibility i : result.getIncompatibilities()) {
      problems.add(i.getType() + " at " + i.getLocation() + ": " + i.getMessage());
    }
    return problems;
  }

  /**
   * Why {@code candidate} is not BACKWARD compatible with all of {@code earlier} (transitively, i.e. with each
   * one); empty when it is. Entries are prefixed with the version (v1 = first element) they concern.
   */
  public static List<String> problemsAgainstAll(Schema candidate, List<Schema> earlier) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < earlier.size(); i++) {
      for (String p : problems(candidate, earlier.get(i))) {
        problems.add("v" + (i + 1) + ": " + p);
      }
    }
    return problems;
  }
}
