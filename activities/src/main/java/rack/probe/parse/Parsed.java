package rack.probe.parse;

import java.util.List;

/**
 * What a parser made of one command's output, plus notes about everything it could not read
 * (garbage lines, truncation, missing fields). Parsers never throw: a bad line is a note.
 */
public record Parsed<T>(T value, List<String> notes) {
  public Parsed {
    notes = List.copyOf(notes);
  }

  public static <T> Parsed<T> of(T value, List<String> notes) {
    return new Parsed<>(value, notes);
  }
}
