package io.streamnet.nn.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * IMDB reviews as JSON Lines ({@code imdb_reviews.jsonl[.gz]}): one object per line with at least a string field
 * {@code text} and an integer field {@code label} (1 positive, 0 negative); other fields are ignored. Any file of
 * this shape can be read the same way.
 */
public final class ImdbReader {
    public static final String FILE = "imdb_reviews.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImdbReader() {}

    /** Records in file order from {@code imdb_reviews.jsonl.gz} (or {@code .jsonl}) in {@code dirOrFile}. */
    public static List<LabeledText> read(Path dirOrFile) {
        Path file = DataFiles.find(dirOrFile, FILE);
        List<LabeledText> out = new ArrayList<>();
        try (BufferedReader in = DataFiles.open(file)) {
            long lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                out.add(parse(file, lineNo, line, out.size()));
            }
        } catch (IOException e) {
            throw DataFiles.readError(file, e);
        }
        return out;
    }

    private static LabeledText parse(Path file, long lineNo, String line, int index) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedDataException(file, lineNo, "not a JSON object: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedDataException(file, lineNo, "expected a JSON object with fields text and label");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new MalformedDataException(file, lineNo, "field 'text' missing or not a string");
        }
        JsonNode label = node.get("label");
        if (label == null || !label.isIntegralNumber() || (label.asInt() != 0 && label.asInt() != 1)) {
            throw new MalformedDataException(file, lineNo, "field 'label' must be 0 or 1, got " + label);
        }
        return new LabeledText(index, text.textValue(), label.asInt());
    }
}
