package rack.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import rack.config.HostConfig;
import rack.config.RackConfig;
import rack.model.HostSnapshot;
import rack.probe.HostProbeImpl;
import rack.shell.DefaultShellFactory;
import rack.status.HttpClients;
import rack.worker.config.ConfigLoader;

/**
 * The JVM side of {@code bench/run}: rack's real probe ({@link HostProbeImpl}, as the worker wires
 * it) timed from inside a warm JVM. Prints one JSON object per line; the Python driver computes
 * medians and spreads. It measures, it asserts nothing.
 *
 * <pre>
 * ProbeBench commands NONCE                      the probe's host commands, as JSON {name: command}
 * ProbeBench check CONFIG HOST WARMUP REPS       one full check of HOST, REPS times after WARMUP
 * ProbeBench sweep CONFIG CONCURRENCY WARMUP REPS SIZES
 *                        the first N hosts of CONFIG for each N of SIZES (comma-separated),
 *                        CONCURRENCY at a time, REPS sweeps each after WARMUP sweeps of the first size
 * </pre>
 */
public final class ProbeBench {
  private ProbeBench() {}

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "commands" -> printCommands(args[1]);
      case "check" -> check(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      case "sweep" -> sweep(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
          java.util.Arrays.stream(args[5].split(",")).map(Integer::parseInt).toList());
      default -> {
        System.err.println("usage: ProbeBench commands NONCE | check CONFIG HOST WARMUP REPS | sweep CONFIG CONCURRENCY WARMUP REPS SIZES");
        System.exit(2);
      }
    }
    System.exit(0);
  }

  /**
   * The probe's own command table, read from the (package-private) {@code rack.probe.HostCommands}
   * so the OpenSSH baselines run exactly what rack runs, not a copy that could drift.
   */
  @SuppressWarnings("unchecked")
  private static void printCommands(String nonce) throws Exception {
    Method all = Class.forName("rack.probe.HostCommands").getDeclaredMethod("all", String.class);
    all.setAccessible(true);
    // A list of rack.probe.CheckSection records (name, command), also package-private.
    Map<String, String> commands = new java.util.LinkedHashMap<>();
    for (Object section : (java.util.List<?>) all.invoke(null, nonce)) {
      Method name = section.getClass().getDeclaredMethod("name");
      Method command = section.getClass().getDeclaredMethod("command");
      name.setAccessible(true);
      command.setAccessible(true);
      commands.put((String) name.invoke(section), (String) command.invoke(section));
    }
    System.out.println(Json.object(commands));
  }

  private static void check(Path configFile, String host, int warmup, int reps) throws Exception {
    HostProbeImpl probe = probe(configFile);
    for (int i = 0; i < warmup; i++) {
      probe.collect(host);
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < reps; i++) {
      long cpuBefore = os.getProcessCpuTime();
      long start = System.nanoTime();
      HostSnapshot snapshot = probe.collect(host);
      long nanos = System.nanoTime() - start;
      long cpu = os.getProcessCpuTime() - cpuBefore;
      System.out.println(Json.object(Map.of(
          "seconds", nanos / 1e9,
          "cpuSeconds", cpu / 1e9,
          "reachable", snapshot.reachable(),
          "containers", snapshot.containers().size(),
          "services", snapshot.services().size(),
          "processes", snapshot.processes().size(),
          "notes", snapshot.notes().size())));
    }
  }

  /**
   * Sweeps of the first N hosts of the config, {@code concurrency} checks at a time, like a worker
   * with that many activity slots. The warm-up sweeps let the JIT compile the hot paths first (a
   * worker runs for days). Client CPU is the whole JVM's CPU time across the sweep (all threads:
   * SSH crypto, parsing, GC, JIT), so nothing rack spends is left out.
   */
  private static void sweep(Path configFile, int concurrency, int warmup, int reps, List<Integer> sizes) throws Exception {
    RackConfig config = new ConfigLoader().load(configFile);
    HostProbeImpl probe = probe(config);
    List<String> all = config.hosts().stream().map(HostConfig::name).toList();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    for (int i = 0; i < warmup; i++) {
      sweepOnce(probe, all.subList(0, sizes.get(0)), pool);
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int size : sizes) {
      List<String> hosts = all.subList(0, size);
      for (int i = 0; i < reps; i++) {
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        int reachable = sweepOnce(probe, hosts, pool);
        long nanos = System.nanoTime() - start;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        System.out.println(Json.object(Map.of(
            "hosts", size,
            "reachable", reachable,
            "seconds", nanos / 1e9,
            "cpuSeconds", cpu / 1e9)));
      }
    }
    pool.shutdownNow();
  }

  private static int sweepOnce(HostProbeImpl probe, List<String> hosts, ExecutorService pool) throws Exception {
    List<Future<HostSnapshot>> checks = new ArrayList<>();
    for (String host : hosts) {
      checks.add(pool.submit(() -> probe.collect(host)));
    }
    int reachable = 0;
    for (Future<HostSnapshot> check : checks) {
      HostSnapshot snapshot = check.get();
      if (snapshot.reachable()) {
        reachable++;
      } else {
        System.err.println("unreachable: " + snapshot.host() + ": " + snapshot.problem());
      }
    }
    return reachable;
  }

  private static HostProbeImpl probe(Path configFile) throws Exception {
    return probe(new ConfigLoader().load(configFile));
  }

  /** Wired as {@code RackWorker} wires it. */
  private static HostProbeImpl probe(RackConfig config) {
    return new HostProbeImpl(config, new DefaultShellFactory(), HttpClients.shared());
  }
}
