package rack.probe;

import java.util.regex.Pattern;

/**
 * One part of a host check: the name the scan looks its output up by, and the {@code sh} command
 * that prints it. A section's command must not contain a value that came from a host.
 */
record CheckSection(String name, String command) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9 ._-]{0,40}");

  CheckSection {
    if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("bad section name: " + name);
    if (command == null || command.isBlank()) throw new IllegalArgumentException("section " + name + " has no command");
  }
}
