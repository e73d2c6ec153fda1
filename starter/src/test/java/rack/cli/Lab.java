package rack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The lab host brought up by {@code lab/up}: fault injection, the relay sink's record, plain ssh. */
final class Lab {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path DIR = ROOT.resolve("lab");
  static final Path WORK = DIR.resolve(".work");
  static final Path CONFIG = DIR.resolve("rack.yaml");
  /**
   * The lab host (in lab/rack.yaml) the e2e tests check and break: {@code lab} through the stock
   * sshd, or {@code lab-hardened} through the hardened one (MaxSessions 2). Set with
   * {@code RACK_LAB_HOST} or {@code -Drack.lab.host}; .ci/run runs the suite against both.
   */
  static final String HOST = System.getProperty("rack.lab.host", System.getenv().getOrDefault("RACK_LAB_HOST", "lab"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private Lab() {}

  static void requireUp() {
    if (!Files.exists(WORK.resolve("client_key"))) {
      throw new AssertionError("the lab is not up: run lab/up first (mvn verify -Plab runs against it)");
    }
  }

  static String fault(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(DIR.resolve("fault").toString()));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  /**
   * {@code yaml} (lab/rack.yaml's text) with only host {@code name} in its hosts list, for tests whose
   * workers must not monitor the lab host a second time through the other sshd.
   */
  static String onlyHost(String yaml, String name) {
    int start = yaml.indexOf("\nhosts:\n");
    if (start < 0) throw new AssertionError("no hosts list in the lab config");
    start += "\nhosts:\n".length();
    int end = start;
    while (end < yaml.length() && yaml.charAt(end) == ' ') { // the list's lines are indented
      int next = yaml.indexOf('\n', end);
      end = next < 0 ? yaml.length() : next + 1;
    }
    StringBuilder kept = new StringBuilder();
    for (String block : yaml.substring(start, end).split("(?m)^(?=  - name: )")) {
      if (block.startsWith("  - name: " + name + "\n")) kept.append(block);
    }
    if (kept.isEmpty()) throw new AssertionError("no host " + name + " in the lab config");
    return yaml.substring(0, start) + kept + yaml.substring(end);
  }

  static String ssh(String command) throws Exception {
    return run(List.of(DIR.resolve("ssh").toString(), command));
  }

  private static String run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " timed out");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed (" + p.exitValue() + "):\n" + out + sshdLogWhenRefused(out));
    }
    return out;
  }

  /** A refused login is explained only in sshd's own log (LogLevel VERBOSE): quote its end. */
  private static String sshdLogWhenRefused(String out) throws IOException {
    Path log = WORK.resolve("logs/host.log");
    if (!out.contains("Permission denied") || !Files.exists(log)) return "";
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return "\nthe lab host's sshd log (" + log + "), last lines:\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  /** Every message the relay sink accepted, oldest first. */
  static List<JsonNode> relayMessages() throws IOException {
    Path f = WORK.resolve("relay.jsonl");
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(f)) return out;
    for (String line : Files.readAllLines(f)) {
      if (!line.isBlank()) out.add(JSON.readTree(line));
    }
    return out;
  }

  /** A relay message from {@code sender} to {@code recipient} whose text contains {@code text}. */
  static java.util.function.Predicate<JsonNode> message(String sender, String recipient, String text) {
    return m -> sender.equals(m.path("from").asText()) && recipient.equals(m.path("to").asText())
        && m.path("message").asText().contains(text);
  }

  /**
   * Waits until the relay sink holds a message matching, counting only messages after index
   * {@code from}; on timeout fails with everything recorded since then and {@code context}.
   */
  static JsonNode awaitMessage(int from, java.util.function.Predicate<JsonNode> matcher, java.time.Duration timeout,
      long pollMillis, java.util.function.Supplier<String> context) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode m : relayMessagesSince(from)) {
        if (matcher.test(m)) return m;
      }
      Thread.sleep(pollMillis);
    }
    throw new AssertionError("no such relay message within " + timeout + "; got:\n" + relayMessagesSince(from)
        + "\n" + context.get());
  }

  static List<JsonNode> relayMessagesSince(int from) throws IOException {
    List<JsonNode> all = relayMessages();
    return all.subList(Math.min(from, all.size()), all.size());
  }

  static List<String> messagesTo(String recipient) throws IOException {
    return relayMessages().stream().filter(m -> recipient.equals(m.path("to").asText()))
        .map(m -> m.path("message").asText()).toList();
  }

  /** Digest of the real machine's crontabs, systemd units and root's authorized_keys (outside the lab). */
  static String realMachinePersistenceDigest() throws Exception {
    return run(List.of("sh", "-c", "cat /etc/crontab /etc/cron.d/* /var/spool/cron/crontabs/* /root/.ssh/authorized_keys "
        + "2>/dev/null | sha256sum; ls -la /etc/systemd/system 2>/dev/null | sha256sum"));
  }

  static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }
}
