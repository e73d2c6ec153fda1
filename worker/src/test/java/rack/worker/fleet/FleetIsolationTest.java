package rack.worker.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rack.config.HostConfig;
import rack.config.RackConfig;
import rack.config.Thresholds;
import rack.detect.Baselines;
import rack.loop.LoopLauncher;
import rack.model.HostSnapshot;
import rack.monitor.HostMonitorWorkflow;
import rack.monitor.HostMonitorWorkflowImpl;
import rack.monitor.MonitorInput;
import rack.probe.HostProbe;
import rack.probe.HostProbeImpl;
import rack.shell.DefaultShellFactory;
import rack.status.HttpClients;

/**
 * A fleet of 20 hosts where one is dead (its SSH port accepts connections and never answers, the
 * worst kind): every other host's check completes before the dead host's does, so one bad host
 * never holds up the rest. Real probes: 19 hosts through the local transport, the dead one through
 * sshj. Judged by order of completion, not by a clock.
 */
class FleetIsolationTest {
  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private ServerSocket blackHole;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws IOException {
    if (env != null) env.close();
    for (Socket s : held) s.close();
    if (blackHole != null) blackHole.close();
  }

  /** Records each finished check in order, around the real probe. */
  static final class RecordingProbe implements HostProbe {
    final HostProbeImpl real;
    final List<String> finished = new CopyOnWriteArrayList<>();

    RecordingProbe(HostProbeImpl real) {
      this.real = real;
    }

    @Override
    public HostSnapshot collect(String host) {
      HostSnapshot s = real.collect(host);
      finished.add(host + (s.reachable() ? "" : " (unreachable)"));
      return s;
    }
  }

  @Test
  void aDeadHostDoesNotDelayTheOthers() throws Exception {
    blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) held.add(blackHole.accept()); // accept, then say nothing: no SSH banner ever
      } catch (IOException closed) {
        // test over
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    Files.writeString(dir.resolve("key"), "unused: the connection never gets as far as authentication");
    Files.writeString(dir.resolve("known_hosts"), "");

    List<HostConfig> hosts = new ArrayList<>();
    hosts.add(new HostConfig("dead", false, new HostConfig.SshSettings("127.0.0.1", blackHole.getLocalPort(), "root",
        dir.resolve("key").toString(), dir.resolve("known_hosts").toString()), null, null, Duration.ofHours(1)));
    for (int i = 1; i <= 19; i++) hosts.add(HostConfig.local("local-" + i));
    RackConfig config = new RackConfig(null, null, null, hosts, null, null, null, null, null);

    RecordingProbe probe = new RecordingProbe(new HostProbeImpl(config,
        new DefaultShellFactory(Duration.ofSeconds(5), Duration.ofSeconds(8), rack.shell.SshShell.DEFAULT_OUTPUT_CAP_BYTES), HttpClients.shared()));
    env = TestWorkflowEnvironment.newInstance();
    rack.loop.RackSearchAttributes.ALL.forEach(k ->
        env.registerSearchAttribute(k.getName(), io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker worker = env.newWorker("rack");
    worker.registerWorkflowImplementationTypes(HostMonitorWorkflowImpl.class);
    LoopLauncher noLoops = request -> new LoopLauncher.Launch(request.finding().fingerprint(), false);
    worker.registerActivitiesImplementations(probe, noLoops);
    env.start();

    WorkflowClient client = env.getWorkflowClient();
    for (HostConfig h : hosts) { // the dead host first: it gets no head start to hide behind
      HostMonitorWorkflow monitor = client.newWorkflowStub(HostMonitorWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(HostMonitorWorkflow.workflowId(h.name())).setTaskQueue("rack").build());
      WorkflowClient.start(monitor::run, new MonitorInput(h.name(), h.interval(), Thresholds.defaults(), Baselines.empty(), 100));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (probe.finished.size() < hosts.size() && System.nanoTime() < deadline) Thread.sleep(200);

    List<String> order = List.copyOf(probe.finished);
    assertEquals(hosts.size(), order.size(), "every host was checked: " + order);
    assertEquals("dead (unreachable)", order.get(order.size() - 1), "the dead host finishes last: " + order);
    assertFalse(order.subList(0, 19).stream().anyMatch(h -> h.contains("unreachable")), order.toString());
    assertTrue(held.size() >= 1, "the probe really connected to the dead host");
  }
}
