package io.streamnet.nn.data;

/**
 * One labelled text of a sentiment dataset.
 *
 * @param index the record's 0-based position in file order (the input of the canonical stream order)
 * @param text  the text as stored (IMDB texts still contain {@code <br />} tags; the tokenizer handles them)
 * @param label 1 = positive, 0 = negative
 */
public record LabeledText(int index, String text, int label) {
    public LabeledText {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label + " (record " + index + ")");
        }
    }
}
