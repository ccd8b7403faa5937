package io.streamnet.jobs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The text of a {@code model.spec} runner spec: {@code classpath:<resource>}, or a file path resolved against the
 * configuration file's directory (the working directory when there is none).
 *
 * @param text   the spec's text
 * @param json   whether it is JSON (the name ends with {@code .json}), else YAML
 * @param source what errors inside the spec name: the {@code classpath:} name or the file's path
 */
record SpecText(String text, boolean json, String source) {

  static SpecText read(ConfigNode n, String spec, Path baseDir) {
    if (spec.startsWith(ModelSectionReader.CLASSPATH)) {
      String name = spec.substring(ModelSectionReader.CLASSPATH.length());
      String text = ModelSectionReader.classpathText(name);
      if (text == null) {
        throw n.fail("spec", "no class-path resource '" + name + "'");
      }
      return new SpecText(text, name.endsWith(".json"), spec);
    }
    Path file;
    try {
      file = baseDir == null ? Path.of(spec) : baseDir.resolve(spec);
    } catch (InvalidPathException e) {
      throw n.fail("spec", "cannot read '" + spec + "': " + e.getMessage());
    }
    if (!Files.isRegularFile(file)) {
      throw n.fail("spec", "no such file: " + file.toAbsolutePath().normalize());
    }
    try {
      return new SpecText(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString()
          .endsWith(".json"), file.toString());
    } catch (IOException e) {
      throw n.fail("spec", "cannot read '" + spec + "': " + e.getMessage());
    }
  }
}
