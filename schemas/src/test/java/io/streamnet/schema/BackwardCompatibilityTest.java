package io.streamnet.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class BackwardCompatibilityTest {

  private static final Contract REVIEW = Contracts.forType(ReviewEvent.class).orElseThrow();

  @Test
  void everyContractReadsAllItsReleasedVersions() {
    for (Contract c : Contracts.ALL) {
      assertEquals(List.of(), BackwardCompatibility.problemsAgainstAll(c.current(), c.released()),
          c.name() + " is not BACKWARD compatible with its released versions");
    }
  }

  /** Forward as well: consumers still on SentimentScore v1 read what a v2 scorer writes (they skip the explanation). */
  @Test
  void sentimentScoreV1ReadersReadTheCurrentWriter() {
    Contract score = Contracts.forType(SentimentScore.class).orElseThrow();
    assertEquals(2, score.released().size(), "v1 and v2 (the optional explanation)");
    assertEquals(List.of(), BackwardCompatibility.problems(score.released().get(0), score.current()));
    assertEquals(SchemaNormalization.toParsingForm(score.current()),
        SchemaNormalization.toParsingForm(score.released().get(1)), "the current contract is its newest released version");
  }

  @Test
  void aNewFieldWithoutDefaultIsRejectedAgainstTheVersionThatLacksIt() {
    Schema ratingWithoutDefault = withRatingField("""
        {"name": "rating", "type": ["null", "float"], "doc": "no default"}""");
    List<String> problems = BackwardCompatibility.problemsAgainstAll(ratingWithoutDefault, REVIEW.released());

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("v1: READER_FIELD_MISSING_DEFAULT_VALUE"), problems.get(0));
    assertTrue(problems.get(0).contains("rating"), problems.get(0));
    // v2 already writes rating, so only v1 is a problem.
    assertEquals(List.of(), BackwardCompatibility.problems(ratingWithoutDefault, REVIEW.released().get(1)));
  }

  @Test
  void aChangedFieldTypeIsRejectedAgainstEveryVersion() {
    Schema eventTimeAsString = new Schema.Parser().parse(REVIEW.released().get(1).toString()
        .replace("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", "\"string\""));
    List<String> problems = BackwardCompatibility.problemsAgainstAll(eventTimeAsString, REVIEW.released());

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("v1: TYPE_MISMATCH"), problems.get(0));
    assertTrue(problems.get(1).startsWith("v2: TYPE_MISMATCH"), problems.get(1));
    assertTrue(problems.get(0).contains("/fields/3/type"), "location names the field: " + problems.get(0));
  }

  @Test
  void droppingAnEnumSymbolIsSafeOnlyBecauseOfTheEnumDefault() {
    Schema deadLetter = Contracts.forType(DeadLetter.class).orElseThrow().current();
    String json = deadLetter.toString();
    Schema withoutRegistrySymbol = new Schema.Parser().parse(json.replace(",\"REGISTRY_UNAVAILABLE\"", ""));
    Schema withoutSymbolAndDefault = new Schema.Parser().parse(json
        .replace(",\"REGISTRY_UNAVAILABLE\"", "")
        .replace(",\"default\":\"UNKNOWN\"", ""));

    assertEquals(List.of(), BackwardCompatibility.problems(withoutRegistrySymbol, deadLetter));
    List<String> problems = BackwardCompatibility.problems(withoutSymbolAndDefault, deadLetter);
    assertFalse(problems.isEmpty());
    assertTrue(problems.get(0).startsWith("MISSING_ENUM_SYMBOLS"), problems.get(0));
  }

  private static Schema withRatingField(String ratingFieldJson) {
    Schema v1 = REVIEW.released().get(0);
    String json = v1.toString();
    int end = json.lastIndexOf("]}");
    return new Schema.Parser().parse(json.substring(0, end) + "," + ratingFieldJson + json.substring(end));
  }
}
