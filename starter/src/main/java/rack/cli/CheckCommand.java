package rack.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rack.config.HostConfig;
import rack.config.RackConfig;
import rack.detect.Baselines;
import rack.detect.Detector;
import rack.detect.Evaluation;
import rack.model.HostSnapshot;
import rack.probe.HostProbeImpl;
import rack.shell.DefaultShellFactory;
import rack.status.HttpClients;

/** One check now, without Temporal or a loop: what the monitor would see. */
@Command(name = "check", description = {
    "Check a host once now (no Temporal needed) and print the findings.",
    "Exit 0 healthy, 1 findings, 2 error. Without HOST: every configured host (or this machine)."})
final class CheckCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "HOST", description = "a host name from the config, or 'local'")
  String host;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Option(names = "--state", paramLabel = "FILE", description = {
      "keep what checks learn (baselines) in FILE between runs, as the monitor keeps it in workflow state;",
      "needed for the stateful thresholds (sustained CPU, disk growth, restarts per hour, response-time baseline)"})
  Path state;

  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    RackConfig c = config.loadOrNull();
    if (c == null) c = RackConfig.localOnly(LocalHost.NAME);
    List<HostConfig> targets = new ArrayList<>();
    if (host == null) {
      targets.addAll(c.hosts());
    } else {
      final RackConfig configured = c;
      // A check runs here, over this machine's SSH: it needs the host's connection details, which
      // only a config file has (a running rack's monitors name their hosts, not how to reach them).
      targets.add(c.host(host).orElseThrow(() -> new UserError("unknown host '" + host + "' (configured: "
          + String.join(", ", configured.hosts().stream().map(HostConfig::name).toList())
          + (config.path() == null ? "; pass --config FILE for others" : "") + ")")));
    }
    HostProbeImpl probe = new HostProbeImpl(c, new DefaultShellFactory(), HttpClients.shared());
    final RackConfig cfg = c;
    BaselineFile baselines = new BaselineFile(state);
    Map<String, Baselines> learned = baselines.read();
    List<CheckResult> results = targets.parallelStream()
        .map(h -> {
          HostSnapshot snapshot = probe.collect(h.name());
          // Each host's own service-container links (rack.yaml services) decide what a DOWN service means.
          Detector detector = new Detector(cfg.thresholds(), h.services());
          Evaluation evaluation = detector.evaluate(snapshot, learned.getOrDefault(h.name(), Baselines.empty()));
          return new CheckResult(snapshot, evaluation);
        })
        .toList();
    Map<String, Baselines> next = new TreeMap<>(learned);
    results.forEach(r -> next.put(r.snapshot().host(), r.evaluation().baselines()));
    baselines.write(next);
    if (json) {
      System.out.println(Json.pretty(results.size() == 1 ? results.get(0) : results));
    } else {
      results.forEach(r -> System.out.print(Printer.check(r)));
    }
    return results.stream().allMatch(r -> r.evaluation().healthy()) ? RackCommand.OK : RackCommand.FINDINGS;
  }

  /** What {@code --json} prints for one host. */
  record CheckResult(HostSnapshot snapshot, Evaluation evaluation) {}
}
