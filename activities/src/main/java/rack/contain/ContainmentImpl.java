package rack.contain;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rack.config.RackConfig;
import rack.config.RemediationPolicy;
import rack.hostaction.ActionRecords;
import rack.hostaction.BoundedText;
import rack.hostaction.HostShells;
import rack.hostaction.ProcessGuard;
import rack.hostaction.ProcessSignaller;
import rack.hostaction.RecentResults;
import rack.remedy.ActionRecord;
import rack.shell.CommandResult;
import rack.shell.Shell;
import rack.shell.ShellException;
import rack.shell.ShellFactory;
import rack.shell.ShellQuote;

/**
 * Contains a malicious process in forensic order (DESIGN C8, NIST SP 800-61): capture evidence,
 * SIGSTOP, remove persistence, SIGKILL, quarantine. The loop calls each step as its own activity.
 *
 * <p>Every value from the host reaches the shell validated and quoted; every change keeps a copy of
 * what it changed in the evidence dir; every step is safe to repeat. Requires {@code contain-anomaly}
 * in the policy's allowed actions (evidence capture, being read-only, does not). Dry-run returns the
 * exact plan and changes nothing, not even the evidence dir. Containment is not charged to the
 * remediation budget: once started it must finish, and the loop decides whether to start it.
 */
public final class ContainmentImpl implements Containment {
  public static final String ACTION = "contain-anomaly";
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);
  private static final int EVIDENCE_OUTPUT_CHARS = 8_000;

  private final HostShells shells;
  private final RemediationPolicy policy;
  private final ContainmentPaths paths;
  private final Clock clock;
  private final ProcessGuard guard;
  private final RecentResults<EvidenceCapture> capturedEvidence = new RecentResults<>(500);
  private final RecentResults<ActionRecord> signalled = new RecentResults<>(1_000);
  private final RecentResults<List<ActionRecord>> changed = new RecentResults<>(1_000);

  public ContainmentImpl(ShellFactory shellFactory, RackConfig config) {
    this(shellFactory, config, ContainmentPaths.defaults(), Clock.systemUTC());
  }

  public ContainmentImpl(ShellFactory shellFactory, RackConfig config, ContainmentPaths paths, Clock clock) {
    this.shells = new HostShells(shellFactory, config);
    this.policy = config.remediation();
    this.paths = paths;
    this.clock = clock;
    this.guard = new ProcessGuard(policy.protectedProcesses());
  }

  @Override
  public EvidenceCapture captureEvidence(String host, List<Integer> pids, List<PersistenceItem> persistence, String idempotencyKey,
      String approvedBy) {
    return capturedEvidence.getOrRun(idempotencyKey, () -> {
      List<String> notes = new ArrayList<>();
      List<Integer> validPids = new ArrayList<>();
      for (Integer pid : pids == null ? List.<Integer>of() : pids) {
        if (pid != null && pid > 0) validPids.add(pid);
        else notes.add("skipped invalid pid " + pid);
      }
      List<PersistenceItem> validItems = new ArrayList<>();
      for (PersistenceItem item : persistence == null ? List.<PersistenceItem>of() : persistence) {
        Optional<String> refusal = HostPaths.refusal(item.path());
        if (refusal.isPresent()) notes.add("skipped persistence item: " + refusal.get());
        else validItems.add(item);
      }
      String evidenceDir = dryRun(approvedBy) ? null : paths.evidenceDir(idempotencyKey);
      if (evidenceDir == null) notes.add("dry-run: evidence read but not copied to the host");

      List<EvidenceCommands.Read> reads = new ArrayList<>();
      validPids.forEach(pid -> reads.addAll(EvidenceCommands.forProcess(pid)));
      reads.add(new EvidenceCommands.Read("sockets.txt", EvidenceCommands.SOCKETS));
      validItems.forEach(item -> reads.addAll(EvidenceCommands.forPersistence(item)));

      Map<String, String> outputs = new LinkedHashMap<>();
      Map<String, String> sha256ByPath = new LinkedHashMap<>();
      try (Shell shell = shells.open(host)) {
        if (evidenceDir != null) {
          CommandResult mkdir = shell.run("mkdir -p -m 700 " + ShellQuote.quote(evidenceDir), READ_TIMEOUT);
          if (!mkdir.ok()) {
            notes.add("could not create evidence dir " + evidenceDir + ": " + BoundedText.combined(mkdir).strip());
            evidenceDir = null;
          }
        }
        Map<String, CommandResult> results = new LinkedHashMap<>();
        for (EvidenceCommands.Read read : reads) {
          String command = evidenceDir == null ? read.command() : EvidenceCommands.keptIn(evidenceDir, read);
          CommandResult result = shell.run(command, READ_TIMEOUT);
          results.put(read.command(), result);
          outputs.put(read.command(), BoundedText.head(BoundedText.combined(result), EVIDENCE_OUTPUT_CHARS));
        }
        for (int pid : validPids) {
          CommandResult link = results.get("readlink /proc/" + pid + "/exe");
          CommandResult sum = results.get("sha256sum /proc/" + pid + "/exe");
          String exe = link.ok() ? link.stdout().strip() : "/proc/" + pid + "/exe";
          if (sum.ok()) sha256ByPath.put(exe, firstToken(sum.stdout()));
          else notes.add("no sha256 for pid " + pid + " exe (process gone or not readable)");
        }
        for (PersistenceItem item : validItems) {
          CommandResult sum = results.get("sha256sum -- " + ShellQuote.quote(item.path()));
          if (sum.ok()) sha256ByPath.put(item.path(), firstToken(sum.stdout()));
        }
        if (evidenceDir != null) {
          for (String copy : EvidenceCommands.copies(validPids, validItems, evidenceDir)) {
            CommandResult result = shell.run(copy, READ_TIMEOUT);
            if (!result.ok()) notes.add("copy failed: " + copy + ": " + BoundedText.head(BoundedText.combined(result).strip(), 300));
          }
          shell.run("cd " + ShellQuote.quote(evidenceDir) + " && sha256sum -- * > SHA256SUMS", READ_TIMEOUT);
        }
      } catch (ShellException e) {
        throw HostShells.failure(host, e);
      }
      return new EvidenceCapture(host, outputs, sha256ByPath, evidenceDir, notes);
    });
  }

  @Override
  public ActionRecord suspend(String host, int pid, String expectedCommand, String idempotencyKey, String approvedBy) {
    return signalled.getOrRun("suspend:" + idempotencyKey, () -> signal(host, "suspend-process", pid, expectedCommand, "STOP", approvedBy));
  }

  @Override
  public ActionRecord kill(String host, int pid, String expectedCommand, String idempotencyKey, String approvedBy) {
    return signalled.getOrRun("kill:" + idempotencyKey, () -> signal(host, "kill-contained-process", pid, expectedCommand, "KILL", approvedBy));
  }

  private ActionRecord signal(String host, String step, int pid, String expectedCommand, String signal, String approvedBy) {
    ActionRecords records = new ActionRecords(host, clock);
    if (!policy.allows(ACTION)) return records.refused(step, "kill -" + signal + " " + pid, notAllowed());
    // Approved: the person's decision stands in for the worker's protected list (the built-in one still holds).
    ProcessGuard fence = approvedBy == null ? guard : new ProcessGuard(List.of());
    ProcessSignaller signaller = new ProcessSignaller(fence, shells.host(host).local());
    try (Shell shell = shells.open(host)) {
      return signaller.signal(shell, records, step, pid, expectedCommand, signal, 0, dryRun(approvedBy), Optional::empty);
    } catch (ShellException e) {
      throw HostShells.failure(host, e);
    }
  }

  @Override
  public List<ActionRecord> removePersistence(String host, List<PersistenceItem> items, String idempotencyKey, String approvedBy) {
    return changed.getOrRun("persistence:" + idempotencyKey, () -> {
      ActionRecords records = new ActionRecords(host, clock);
      String evidenceDir = paths.evidenceDir(idempotencyKey);
      List<ActionRecord> done = new ArrayList<>();
      try (Shell shell = shells.open(host)) {
        for (PersistenceItem given : items == null ? List.<PersistenceItem>of() : items) {
          PersistenceItem item = resolveKeyFingerprint(shell, given);
          String step = "remove-persistence " + item.type();
          Planned plan = plan(item, evidenceDir, paths.quarantineDir(idempotencyKey));
          if (plan.refusal() != null) done.add(records.refused(step, plan.command(), plan.refusal()));
          else if (!policy.allows(ACTION)) done.add(records.refused(step, plan.command(), notAllowed()));
          else if (dryRun(approvedBy)) done.add(records.dryRun(step, plan.command()));
          else done.add(records.ran(step, shell.run(plan.command(), CHANGE_TIMEOUT)));
        }
      } catch (ShellException e) {
        throw HostShells.failure(host, e);
      }
      return List.copyOf(done);
    });
  }

  /**
   * The probe records authorized_keys lines by their OpenSSH fingerprint ({@code SHA256:...}), never
   * the key itself; removal works on exact lines, so look the line up on the host first. A line
   * that is no longer there leaves the fingerprint in place and the removal reports nothing removed.
   */
  private static PersistenceItem resolveKeyFingerprint(Shell shell, PersistenceItem item) throws ShellException {
    if (!"authorized_key".equals(item.type()) || item.match() == null || !item.match().startsWith("SHA256:")
        || HostPaths.refusal(item.path()).isPresent()) {
      return item;
    }
    String find = "fp=" + ShellQuote.quote(item.match()) + "; while IFS= read -r l || [ -n \"$l\" ]; do "
        + "[ -n \"$l\" ] && printf '%s\\n' \"$l\" | ssh-keygen -lf - 2>/dev/null | grep -qF \" $fp \" && printf '%s\\n' \"$l\"; "
        + "done < " + ShellQuote.quote(item.path());
    CommandResult found = shell.run(find, Duration.ofSeconds(20));
    List<String> lines = found.stdout().lines().filter(l -> !l.isBlank()).toList();
    return lines.size() == 1 ? new PersistenceItem(item.type(), item.path(), lines.get(0)) : item;
  }

  /** The exact script for one item, or why it is refused. */
  private record Planned(String command, String refusal) {}

  private Planned plan(PersistenceItem item, String evidenceDir, String quarantineDir) {
    String describe = item.type() + " " + item.path();
    Optional<String> badPath = HostPaths.refusal(item.path());
    if (badPath.isPresent()) return new Planned("(none) " + describe, badPath.get());
    String originalCopy = evidenceDir + "/persistence/" + HostPaths.copyName(item.path()) + ".orig";
    switch (item.type() == null ? "" : item.type()) {
      case "cron", "authorized_key", "ld_preload" -> {
        String line = item.match();
        if (line == null || line.isBlank() || line.contains("\n")) {
          return new Planned("(none) " + describe, "refusing to remove a blank or multi-line match from " + item.path());
        }
        // An emptied ld.so.preload or cron.d drop-in (one file per job, often the dropper's own) is
        // residue: delete it (the original is in the evidence). A user crontab stays, empty.
        boolean deleteIfEmpty = item.type().equals("ld_preload")
            || (item.type().equals("cron") && HostPaths.parent(item.path()).endsWith("/cron.d"));
        return new Planned(PersistenceScripts.removeExactLine(item.path(), line, originalCopy, deleteIfEmpty), null);
      }
      case "systemd" -> {
        String unit = item.match();
        if (unit == null || !PersistenceScripts.UNIT_NAME.matcher(unit).matches()) {
          return new Planned("(none) " + describe, "refusing unsafe systemd unit name: " + unit);
        }
        if (!HostPaths.baseName(item.path()).equals(unit)) {
          return new Planned("(none) " + describe, "unit file " + item.path() + " does not belong to unit " + unit);
        }
        return new Planned(PersistenceScripts.disableUnit(unit, item.path(), originalCopy, quarantineDir, paths.systemdRunDir()), null);
      }
      default -> {
        return new Planned("(none) " + describe, "unknown persistence type '" + item.type() + "'");
      }
    }
  }

  @Override
  public List<ActionRecord> quarantine(String host, List<String> filePaths, String idempotencyKey, String approvedBy) {
    return changed.getOrRun("quarantine:" + idempotencyKey, () -> {
      ActionRecords records = new ActionRecords(host, clock);
      List<ActionRecord> done = new ArrayList<>();
      try (Shell shell = shells.open(host)) {
        for (String path : filePaths == null ? List.<String>of() : filePaths) {
          Optional<String> refusal = HostPaths.refusal(path);
          if (refusal.isPresent()) {
            done.add(records.refused("quarantine", "(none) " + path, refusal.get()));
            continue;
          }
          String command = PersistenceScripts.quarantine(path, paths.quarantineDir(idempotencyKey), paths.manifest());
          if (!policy.allows(ACTION)) done.add(records.refused("quarantine", command, notAllowed()));
          else if (dryRun(approvedBy)) done.add(records.dryRun("quarantine", command));
          else done.add(records.ran("quarantine", shell.run(command, CHANGE_TIMEOUT)));
        }
      } catch (ShellException e) {
        throw HostShells.failure(host, e);
      }
      return List.copyOf(done);
    });
  }

  /** Dry-run holds rack back until a person decides; an approval is that decision. */
  private boolean dryRun(String approvedBy) {
    return approvedBy == null && policy.dryRun();
  }

  private static String firstToken(String text) {
    return text.strip().split("\\s+", 2)[0];
  }

  private static String notAllowed() {
    return "action '" + ACTION + "' is not in remediation.allowedActions";
  }
}
