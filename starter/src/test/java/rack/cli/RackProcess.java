package rack.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * The rack CLI as a separate operating-system process (same classpath as the test), so tests prove
 * what a user sees: output, exit codes, and gRPC between processes.
 */
final class RackProcess implements AutoCloseable {
  /** Tests run in the starter module's directory. */
  static final Path CHECKOUT = Path.of("").toAbsolutePath().getParent();

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private RackProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) lines.add(line);
      } catch (IOException ignored) {
        // process ended
      }
    }, "rack-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * @param env added to this JVM's environment; an empty value removes the variable. RACK_HOME is the
   *     checkout unless given, as the {@code ./rack} launcher sets it.
   */
  static RackProcess start(Map<String, String> env, String... args) throws IOException {
    return start(List.of(), env, args);
  }

  /**
   * As a shell runs a command in a terminal's foreground: a process group of its own (which {@link
   * #ctrlC} signals as a whole, as the terminal does) and SIGINT handled, even when this JVM was
   * started with SIGINT ignored (a background job of a non-interactive shell is, and passes that on).
   */
  static RackProcess startInForeground(Map<String, String> env, String... args) throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs util-linux's setsid");
    Assumptions.assumeTrue(succeeds("env", "--default-signal=INT", "true"), "needs GNU env 8.31+ (--default-signal)");
    return start(List.of("/usr/bin/setsid", "env", "--default-signal=INT"), env, args);
  }

  private static boolean succeeds(String... command) {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static RackProcess start(List<String> prefix, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RackCommand.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("RACK_HOME", CHECKOUT.toString());
    env.forEach((k, v) -> {
      if (v.isEmpty()) pb.environment().remove(k);
      else pb.environment().put(k, v);
    });
    return new RackProcess(pb.start());
  }

  /** Runs to completion and returns exit code and output. */
  static Result run(Map<String, String> env, String... args) throws Exception {
    try (RackProcess p = start(env, args)) {
      if (!p.process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("rack " + String.join(" ", args) + " did not finish");
      p.process.getInputStream().close();
      Thread.sleep(50);
      return new Result(p.process.exitValue(), String.join("\n", p.lines));
    }
  }

  /** Waits until a line matches, or fails with everything printed so far. */
  String awaitLine(Predicate<String> matcher, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String l : lines) if (matcher.test(l)) return l;
      if (!process.isAlive() && lines.stream().noneMatch(matcher)) break;
      Thread.sleep(100);
    }
    throw new AssertionError("no matching line within " + timeout + "; output:\n" + String.join("\n", lines));
  }

  /** Ctrl-C in a terminal: SIGINT to the process group (setsid and env exec, so the group's id is our pid). */
  void ctrlC() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
    if (kill.waitFor() != 0) throw new AssertionError("kill -INT -" + process.pid() + " failed");
  }

  /** The exit code, or fails when the process still runs after {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /** Every line so far (the reader thread may still add some). */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** SIGKILL, as a crash or the OOM killer would end it: no shutdown hooks run. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** The processes this one started (e.g. ./rack dev's Temporal server), while it runs. */
  List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    return String.join("\n", lines);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
    }
  }

  record Result(int exitCode, String output) {}
}
