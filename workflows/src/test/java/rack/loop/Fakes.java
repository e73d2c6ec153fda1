package rack.loop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import rack.contain.Containment;
import rack.contain.EvidenceCapture;
import rack.contain.PersistenceItem;
import rack.diagnose.DiagnosticBundle;
import rack.diagnose.Diagnostics;
import rack.messaging.Message;
import rack.messaging.MessageKind;
import rack.messaging.Messenger;
import rack.messaging.Recipient;
import rack.model.HostSnapshot;
import rack.probe.HostProbe;
import rack.remedy.ActionRecord;
import rack.remedy.Remediation;

/** Small fake activities that record what the loops asked for. */
final class Fakes {
  private Fakes() {}

  static ActionRecord done(String step, String host, String command) {
    return new ActionRecord(step, host, command, 0, "sha256-" + command.hashCode(), "ok", "done", Instant.EPOCH);
  }

  /**
   * The relay: records what it delivered. While {@link #relayDown} it refuses every message the way
   * an unreachable relay does (the activity throws, Temporal retries it).
   */
  static final class RecordingMessenger implements Messenger {
    final List<Message> sent = new CopyOnWriteArrayList<>();
    /** What the fakes did, in order, shared with {@link FakeRemediation} (restore-first tests). */
    final List<String> events;
    volatile boolean relayDown;
    final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

    RecordingMessenger(List<String> events) {
      this.events = events;
    }

    RecordingMessenger() {
      this(new CopyOnWriteArrayList<>());
    }

    @Override
    public void send(Message message) {
      if (relayDown) {
        refused.incrementAndGet();
        throw new IllegalStateException("relay unreachable: connection refused");
      }
      sent.add(message);
      events.add("delivered " + message.recipient() + " " + message.kind());
    }

    List<MessageKind> kinds(Recipient to) {
      return sent.stream().filter(m -> m.recipient() == to).map(Message::kind).toList();
    }

    List<String> texts(Recipient to) {
      return sent.stream().filter(m -> m.recipient() == to).map(Message::text).toList();
    }

    Message first(MessageKind kind) {
      return sent.stream().filter(m -> m.kind() == kind).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + sent));
    }
  }

  static final class FakeRemediation implements Remediation {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> events;

    FakeRemediation(List<String> events) {
      this.events = events;
    }

    FakeRemediation() {
      this(new CopyOnWriteArrayList<>());
    }

    @Override
    public ActionRecord restartContainer(String host, String container, String key) {
      calls.add("restart " + container + " " + key);
      events.add("restart " + container);
      return done("restart-container", host, "docker restart '" + container + "'");
    }

    @Override
    public ActionRecord clearDisk(String host, String mountPoint, String key) {
      calls.add("clear-disk " + mountPoint + " " + key);
      return done("clear-disk", host, "docker system prune -f");
    }

    @Override
    public ActionRecord killProcess(String host, int pid, String expectedCommand, String key) {
      calls.add("kill " + pid + " " + key);
      return done("kill-process", host, "kill -KILL " + pid);
    }

    @Override
    public ActionRecord runApproved(String host, rack.remedy.ApprovedAction action, String key) {
      calls.add("approved " + action.action() + " " + action.target() + " by " + action.approvedBy() + " " + key);
      return done(action.action(), host, "docker restart '" + action.target() + "'");
    }
  }

  static final class FakeDiagnostics implements Diagnostics {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile DiagnosticBundle bundle;

    FakeDiagnostics(DiagnosticBundle bundle) {
      this.bundle = bundle;
    }

    @Override
    public DiagnosticBundle gather(String host, List<String> containers) {
      calls.add(host + " " + containers);
      return bundle;
    }
  }

  /** Returns the scripted snapshots in order; the last one repeats. */
  static final class ScriptedHostProbe implements HostProbe {
    private final List<HostSnapshot> script = Collections.synchronizedList(new ArrayList<>());
    final List<String> calls = new CopyOnWriteArrayList<>();

    ScriptedHostProbe(HostSnapshot... snapshots) {
      script.addAll(List.of(snapshots));
    }

    @Override
    public HostSnapshot collect(String host) {
      calls.add(host);
      synchronized (script) {
        return script.size() > 1 ? script.remove(0) : script.get(0);
      }
    }
  }

  static final class FakeContainment implements Containment {
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Who each call said approved it ("rack" when rack acted alone), in call order. */
    final List<String> approvedBy = new CopyOnWriteArrayList<>();

    private void approval(String by) {
      approvedBy.add(by == null ? "rack" : by);
    }

    @Override
    public EvidenceCapture captureEvidence(String host, List<Integer> pids, List<PersistenceItem> persistence, String key, String by) {
      approval(by);
      calls.add("capture " + pids + " " + persistence.stream().map(p -> p.type() + ":" + p.match()).toList());
      return new EvidenceCapture(host, Map.of("ps -eww", "4242 xmrig /tmp/xmrig -o stratum+tcp://pool:3333"),
          Map.of("/tmp/xmrig", "deadbeef"), "/var/lib/rack/evidence/1", List.of());
    }

    @Override
    public ActionRecord suspend(String host, int pid, String expectedCommand, String key, String by) {
      approval(by);
      calls.add("suspend " + pid);
      return done("suspend", host, "kill -STOP " + pid);
    }

    @Override
    public List<ActionRecord> removePersistence(String host, List<PersistenceItem> items, String key, String by) {
      approval(by);
      calls.add("remove " + items.stream().map(p -> p.type() + ":" + p.match()).toList());
      return items.stream().map(i -> done("remove-persistence", host, "remove " + i.match() + " from " + i.path())).toList();
    }

    @Override
    public ActionRecord kill(String host, int pid, String expectedCommand, String key, String by) {
      approval(by);
      calls.add("kill " + pid);
      return done("kill", host, "kill -KILL " + pid);
    }

    @Override
    public List<ActionRecord> quarantine(String host, List<String> paths, String key, String by) {
      approval(by);
      calls.add("quarantine " + paths);
      return paths.stream().map(p -> done("quarantine", host, "mv " + p + " /var/lib/rack/quarantine/")).toList();
    }
  }
}
