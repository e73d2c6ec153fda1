package rack.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import rack.config.RackConfig;
import rack.worker.WorkerProcess;
import rack.worker.temporal.TemporalUnavailableException;

/** The production worker: connects to TEMPORAL_ADDRESS (or the config's temporal.address). */
@Command(name = "worker", description = "Run the worker against a Temporal service (TEMPORAL_ADDRESS, default localhost:7233).")
final class WorkerCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    RackConfig c = config.loadRequired();
    WorkerProcess worker;
    try {
      worker = WorkerProcess.start(c, c.temporal(), System.getenv());
    } catch (TemporalUnavailableException e) {
      throw new UserError(e.getMessage());
    }
    System.out.println("rack worker: connected to " + worker.temporal().address() + " namespace "
        + worker.temporal().namespace() + ", task queue '" + c.temporal().taskQueue() + "', "
        + c.hosts().size() + " host(s)" + worker.endpoints());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      stopped.countDown();
    }, "rack-worker-shutdown"));
    stopped.await();
    return RackCommand.OK;
  }
}
