package io.streamnet.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A page of the Prometheus text exposition format (0.0.4), parsed into samples. */
public final class PrometheusScrape {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: a metric name, its labels and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;
  private final String text;

  private PrometheusScrape(String text, List<Sample> samples) {
    this.text = text;
    this.samples = samples;
  }

  public static PrometheusScrape parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample line of the Prometheus text format: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      out.add(new Sample(m.group(1), labels, value(m.group(4))));
    }
    return new PrometheusScrape(text, List.copyOf(out));
  }

  /** GETs {@code url} and parses it; fails unless it answers 200 with the text format. */
  public static PrometheusScrape fetch(String url) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + r.statusCode());
      }
      return parse(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("scraping " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double value(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  public String text() {
    return text;
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The sample names present. */
  public Set<String> names() {
    Set<String> n = new TreeSet<>();
    samples.forEach(s -> n.add(s.name()));
    return n;
  }

  /** The samples of {@code name} whose labels pass {@code labels}. */
  public List<Sample> samples(String name, Predicate<Map<String, String>> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && labels.test(s.labels())).toList();
  }

  /** The sum of the samples of {@code name} (NaN values skipped); empty when there is none. */
  public OptionalDouble sum(String name) {
    List<Sample> all = samples(name, l -> true);
    if (all.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(all.stream().mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).sum());
  }

  /** The largest value of the samples of {@code name} (NaN values skipped); empty when there is none. */
  public OptionalDouble max(String name) {
    return samples(name, l -> true).stream().mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).max();
  }
}
