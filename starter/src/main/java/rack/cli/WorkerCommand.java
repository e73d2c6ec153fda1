package rack.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import rack.config.RackConfig;
import rack.worker.RackWorker;
import rack.worker.temporal.SearchAttributeRegistry;
import rack.worker.temporal.TemporalConnection;
import rack.worker.temporal.TemporalUnavailableException;

/** The production worker: connects to TEMPORAL_ADDRESS (or the config's temporal.address). */
@Command(name = "worker", description = "Run the worker against a Temporal service (TEMPORAL_ADDRESS, default localhost:7233).")
final class WorkerCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    RackConfig c = config.loadRequired();
    TemporalConnection temporal;
    try {
      temporal = TemporalConnection.connect(c.temporal(), System.getenv());
    } catch (TemporalUnavailableException e) {
      throw new UserError(e.getMessage());
    }
    try {
      SearchAttributeRegistry.register(temporal.service(), temporal.namespace());
    } catch (RuntimeException e) {
      // Cloud namespaces refuse OperatorService calls; there the attributes are created by the admin.
      System.err.println("rack worker: could not register search attributes (" + UserError.describe(e)
          + "); create RackHost, RackLoopKind, RackPhase, RackSeverity (Keyword) in the namespace");
    }
    RackWorker worker = new RackWorker(c, temporal.client(), null);
    worker.start();
    worker.startMonitors();
    System.out.println("rack worker: connected to " + temporal.address() + " namespace " + temporal.namespace()
        + ", task queue '" + c.temporal().taskQueue() + "', " + c.hosts().size() + " host(s)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      temporal.close();
      stopped.countDown();
    }, "rack-worker-shutdown"));
    stopped.await();
    return RackCommand.OK;
  }
}
