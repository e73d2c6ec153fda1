package rack.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

/**
 * What a refused SSH channel looks like when it leaks: sshd's "open failed" (reason 1,
 * administratively prohibited), rack's own wording for sessions it could not get, or the false
 * "unreachable" it used to turn into. None of it may reach a finding, a report or a message.
 */
final class SessionRefusals {
  static final List<String> SIGNS = List.of("open failed", "ADMINISTRATIVELY_PROHIBITED", "refused every new session",
      "no free SSH session", "unreachable over SSH", "is unreachable");

  private SessionRefusals() {}

  static void assertNoneIn(String where, String text) {
    for (String sign : SIGNS) {
      assertFalse(text.contains(sign), where + " shows a refused SSH channel («" + sign + "»):\n" + text);
    }
  }
}
