package io.streamnet.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class ContractsTest {

  private static final Path AVRO_SOURCES = Path.of("src/main/avro");

  @Test
  void catalogueListsEveryAvscFileAndOnlyThose() throws IOException {
    Set<String> files;
    try (Stream<Path> s = Files.list(AVRO_SOURCES)) {
      files = s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".avsc"))
          .map(n -> n.substring(0, n.length() - ".avsc".length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> catalogued = Contracts.ALL.stream().map(Contract::name).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(files, catalogued);
    assertEquals(Set.of("ReviewEvent", "Interaction", "RecoRequest", "SentimentScore", "Recommendation",
        "ModelSnapshot", "TrainingMetrics", "DeadLetter"), catalogued);
  }

  @Test
  void newestReleasedVersionIsTheCurrentSource() throws IOException {
    for (Contract c : Contracts.ALL) {
      assertFalse(c.released().isEmpty(), c.name() + " has no released version under " + ReleasedSchemas.ROOT);
      Schema source = new Schema.Parser().parse(AVRO_SOURCES.resolve(c.name() + ".avsc").toFile());
      Schema newest = c.released().get(c.released().size() - 1);
      assertEquals(source, newest, c.name() + ": src/main/avro differs from the newest released version; add "
          + ReleasedSchemas.resourcePath(c.name(), c.released().size() + 1) + " (never edit a released one)");
    }
  }

  @Test
  void reviewEventCarriesTheEvolutionExample() {
    Contract review = Contracts.forType(ReviewEvent.class).orElseThrow();
    assertEquals(2, review.released().size());
    assertEquals(null, review.released().get(0).getField("rating"), "v1 predates the rating field");
    assertTrue(review.released().get(1).getField("rating").hasDefaultValue());
  }

  @Test
  void everyRecordFieldAndEnumIsDocumented() {
    List<String> undocumented = new ArrayList<>();
    for (Contract c : Contracts.ALL) {
      collectUndocumented(c.current(), c.name(), undocumented, new TreeSet<>());
    }
    assertEquals(List.of(), undocumented, "every type and field needs a non-blank \"doc\"");
  }

  @Test
  void namespaceIsTheProjectOne() {
    for (Contract c : Contracts.ALL) {
      assertEquals("io.streamnet.schema", c.current().getNamespace(), c.name());
    }
  }

  private static void collectUndocumented(Schema s, String where, List<String> out, Set<String> seen) {
    switch (s.getType()) {
      case RECORD -> {
        if (!seen.add(s.getFullName())) {
          return;
        }
        if (blank(s.getDoc())) {
          out.add(where + " (record " + s.getName() + ")");
        }
        for (Schema.Field f : s.getFields()) {
          if (blank(f.doc())) {
            out.add(where + "." + f.name());
          }
          collectUndocumented(f.schema(), where + "." + f.name(), out, seen);
        }
      }
      case ENUM -> {
        if (seen.add(s.getFullName()) && blank(s.getDoc())) {
          out.add(where + " (enum " + s.getName() + ")");
        }
      }
      case UNION -> s.getTypes().forEach(t -> collectUndocumented(t, where, out, seen));
      case ARRAY -> collectUndocumented(s.getElementType(), where + "[]", out, seen);
      case MAP -> collectUndocumented(s.getValueType(), where + "{}", out, seen);
      default -> { }
    }
  }

  private static boolean blank(String doc) {
    return doc == null || doc.isBlank();
  }
}
