package rack.worker.temporal;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import rack.loop.RackSearchAttributes;

/**
 * A real Temporal server for {@code ./rack dev}: {@code temporal server start-dev} with SQLite in
 * the state directory (loops survive a restart) and the Web UI, on 127.0.0.1 only. It runs under
 * {@code watchdog.sh}, which ends it when this JVM's pipe to it closes, so a {@code ./rack dev}
 * that crashes or is SIGKILLed leaves no server behind.
 */
public final class CliDevServer implements DevTemporal {
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process watchdog;
  private final int port;
  private final int uiPort;
  private final Path cli;
  private final StateDirectory state;

  private CliDevServer(Process watchdog, int port, int uiPort, Path cli, StateDirectory state) {
    this.watchdog = watchdog;
    this.port = port;
    this.uiPort = uiPort;
    this.cli = cli;
    this.state = state;
  }

  /** Starts the server and returns once its frontend answers a health check. */
  public static CliDevServer start(Path cli, StateDirectory state, int port, int uiPort, String namespace)
      throws DevServer.PortTakenException, IOException {
    Ports.requireFree(port, "Temporal gRPC", "--port");
    Ports.requireFree(uiPort, "Temporal Web UI", "--ui-port");
    state.create();
    Process p = new ProcessBuilder(command(cli, state, port, uiPort, namespace))
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(state.serverLog().toFile()))
        .start();
    CliDevServer server = new CliDevServer(p, port, uiPort, cli, state);
    try {
      server.awaitHealthy();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  static List<String> command(Path cli, StateDirectory state, int port, int uiPort, String namespace) throws IOException {
    List<String> c = new ArrayList<>();
    // A session of its own: Ctrl-C in ./rack dev's terminal signals the whole foreground process
    // group, and a server stopped by it at once leaves the worker shutting down against a dead
    // server (connection-refused stack traces, a 10 s wait). ./rack dev stops it after the worker.
    setsid().ifPresent(setsid -> c.add(setsid.toString()));
    c.addAll(List.of(bash(), "-c", watchdogScript(), "rack-temporal-watchdog",
        cli.toString(), "server", "start-dev",
        "--ip", "127.0.0.1", "--port", Integer.toString(port), "--ui-port", Integer.toString(uiPort),
        "--db-filename", state.database().toString(),
        // No call out for the UI's news feed: dev mode stays on this machine.
        "--ui-disable-news-fetch", "--log-level", "warn"));
    if (!"default".equals(namespace)) c.addAll(List.of("--namespace", namespace));
    // Registered in every namespace the server creates, before any worker can upsert them.
    RackSearchAttributes.ALL.forEach(k -> c.addAll(List.of("--search-attribute", k.getName() + "=Keyword")));
    return c;
  }

  /** util-linux's setsid, absent on macOS (there Ctrl-C still reaches the server). */
  private static Optional<Path> setsid() {
    return List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream().filter(Files::isExecutable).findFirst();
  }

  private static String bash() {
    return Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "bash";
  }

  private static String watchdogScript() throws IOException {
    try (InputStream in = CliDevServer.class.getResourceAsStream("watchdog.sh")) {
      if (in == null) throw new IOException("watchdog.sh missing from the rack jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void awaitHealthy() throws IOException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!watchdog.isAlive()) {
        throw new IOException("temporal server start-dev exited with " + watchdog.exitValue() + "; last lines of "
            + state.serverLog() + ":\n" + tail(state.serverLog(), 10));
      }
      WorkflowServiceStubs probe = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
          .setTarget(address()).setRpcTimeout(Duration.ofSeconds(2)).build());
      try {
        probe.healthCheck();
        return;
      } catch (RuntimeException notYet) {
        sleep(200);
      } finally {
        probe.shutdownNow();
      }
    }
    throw new IOException("temporal server start-dev did not answer within " + STARTUP.toSeconds() + " s; see " + state.serverLog());
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal server", e);
    }
  }

  @Override
  public String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public Optional<String> uiUrl() {
    return Optional.of("http://127.0.0.1:" + uiPort);
  }

  @Override
  public String description() {
    return "Temporal dev server (" + cli + "), loops kept in " + state.database() + ", log " + state.serverLog();
  }

  /** The server's process (for tests that prove it does not outlive us). */
  public ProcessHandle watchdogProcess() {
    return watchdog.toHandle();
  }

  /** Closing the pipe is the same signal a crash would give; then the server has 15 s to stop. */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(watchdog.descendants().toList());
    try {
      watchdog.getOutputStream().close();
      if (!watchdog.waitFor(15, TimeUnit.SECONDS)) watchdog.destroy();
      watchdog.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      watchdog.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    watchdog.destroyForcibly();
  }
}
