package rack.probe.parse;

import java.util.List;

/** Counts lines a parser had to skip and reports them as a single note. */
final class BadLines {
  private final String what;
  private int count;
  private String first;

  BadLines(String what) {
    this.what = what;
  }

  void add(String line) {
    if (count++ == 0) {
      first = line;
    }
  }

  void reportTo(List<String> notes) {
    Lines.noteBadLines(notes, what, count, first);
  }
}
