package rack.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import rack.config.RackConfig;
import rack.loop.LoopLauncher;
import rack.loop.LoopLauncherImpl;
import rack.loop.LoopStatus;
import rack.loop.LoopWorkflow;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.Severity;
import rack.worker.config.ConfigLoader;
import rack.worker.temporal.TemporalConnection;

/**
 * Opens many incident loops on one worker, the way {@code ./rack loop start incident} does (a
 * MANUAL_INCIDENT finding per loop, distinct subjects), and reports loop phases.
 *
 * <pre>
 * LoopFlood start CONFIG HOST COUNT     start COUNT loops "bench-0".."bench-COUNT-1" on HOST
 * LoopFlood phases CONFIG HOST COUNT    the phase of every loop, counted: {"AWAITING_PR": 1000}
 * </pre>
 * Temporal's address comes from TEMPORAL_ADDRESS or the config, as for the CLI.
 */
public final class LoopFlood {
  private static final int THREADS = 16;

  private LoopFlood() {}

  public static void main(String[] args) throws Exception {
    RackConfig config = new ConfigLoader().load(Path.of(args[1]));
    String host = args[2];
    int count = Integer.parseInt(args[3]);
    try (TemporalConnection temporal = TemporalConnection.connect(config.temporal(), System.getenv())) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<String>> results = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        Finding finding = new Finding(host, FindingKind.MANUAL_INCIDENT, Severity.LOW, "bench-" + i,
            "bench loop " + i, List.of("started by bench/run"), Map.of());
        results.add(pool.submit(switch (args[0]) {
          case "start" -> () -> {
            new LoopLauncherImpl(temporal.client(), config).startOrFeed(new LoopLauncher.Request(finding, List.of(), null));
            return "started";
          };
          case "phases" -> () -> {
            LoopStatus status = temporal.client().newUntypedWorkflowStub(finding.fingerprint())
                .query(LoopWorkflow.QUERY_STATUS, LoopStatus.class);
            return status.phase().name();
          };
          default -> throw new IllegalArgumentException("start or phases, not " + args[0]);
        }));
      }
      Map<String, Integer> counted = new java.util.TreeMap<>();
      for (Future<String> result : results) {
        String outcome;
        try {
          outcome = result.get();
        } catch (java.util.concurrent.ExecutionException e) {
          outcome = "error: " + e.getCause().getClass().getSimpleName();
        }
        counted.merge(outcome, 1, Integer::sum);
      }
      Map<String, Object> out = new java.util.TreeMap<>(counted);
      out.put("seconds", (System.nanoTime() - start) / 1e9);
      System.out.println(Json.object(out));
      pool.shutdownNow();
    }
    System.exit(0);
  }
}
