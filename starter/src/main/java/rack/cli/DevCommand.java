package rack.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rack.config.RackConfig;
import rack.config.TemporalSettings;
import rack.worker.WorkerProcess;
import rack.worker.config.DurationText;
import rack.worker.temporal.DevServer;
import rack.worker.temporal.TemporalUnavailableException;

/**
 * Everything in one process on this machine: an embedded Temporal on 127.0.0.1, the worker, and a
 * monitor per host. Without a config it monitors this machine through the local transport.
 */
@Command(name = "dev", description = {
    "Run rack on this machine: embedded Temporal (127.0.0.1:7233) + worker + monitors.",
    "Without --config it monitors this machine locally. Ctrl-C stops it (loops live in memory only)."})
final class DevCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(names = "--port", defaultValue = "7233", description = "port of the embedded Temporal (default: ${DEFAULT-VALUE})")
  int port;

  @Override
  public Integer call() throws Exception {
    RackConfig c = config.loadOrNull();
    if (c == null) c = RackConfig.localOnly(LocalHost.NAME);
    DevServer server;
    try {
      server = DevServer.start(port);
    } catch (DevServer.PortTakenException e) {
      throw new UserError(e.getMessage());
    }
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
    System.out.println("rack dev: try ./rack loops, ./rack monitor check-now <host>; Ctrl-C to stop");
    HealthReporter reporter = new HealthReporter(worker.temporal().client(), c);
    reporter.start();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("rack dev: stopping");
      reporter.stop();
      worker.close();
      server.close();
      stopped.countDown();
    }, "rack-dev-shutdown"));
    stopped.await();
    return RackCommand.OK;
  }
}
