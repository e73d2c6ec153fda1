package rack.diagnose;

import java.util.ArrayList;
import java.util.List;
import rack.model.FindingKind;

/**
 * Concrete changes to the infrastructure setup scripts that prevent, or detect early, the class of
 * compromise a finding belongs to (DESIGN A4.3).
 */
public final class HardeningAdvice {
  private HardeningAdvice() {}

  public static List<String> forKind(FindingKind kind) {
    List<String> advice = new ArrayList<>();
    switch (kind) {
      case MINER_PROCESS, SUSPICIOUS_PROCESS, UNKNOWN_CPU_PROCESS -> {
        advice.add("Mount /tmp, /var/tmp and /dev/shm with `noexec,nosuid,nodev` (fstab entries in the setup script); "
            + "miners are dropped and run from there.");
        advice.add("Egress firewall: deny outbound connections to mining-pool ports 3333-3336, 4444, 5555, 7777, "
            + "14444, 45560, 45700 (nftables rules in the setup script).");
        advice.add("Monitoring rule: alert on a process whose executable lives in /tmp, /var/tmp, /dev/shm or is "
            + "`(deleted)`, or whose command line contains `stratum+tcp`/`--donate-level`.");
        advice.add(sshHardening());
        advice.add(cronAllowList());
        advice.add("Find and close the entry vector: exposed docker socket or API, services listening on 0.0.0.0 "
            + "without auth, leaked credentials; rotate the credentials the process could read.");
      }
      case CRON_ADDED -> {
        advice.add(cronAllowList());
        advice.add("Manage every crontab from the setup script (files under /etc/cron.d owned by root, 0644) and "
            + "alert when /var/spool/cron/crontabs or /etc/cron.d changes outside a deploy.");
        advice.add(sshHardening());
      }
      case SYSTEMD_UNIT_ADDED -> {
        advice.add("Install units only from the setup scripts and alert on new files under /etc/systemd/system "
            + "(a file-integrity check or an inotify/auditd rule: `-w /etc/systemd/system -p wa`).");
        advice.add(sshHardening());
      }
      case AUTHORIZED_KEY_ADDED -> {
        advice.add("Manage authorized_keys from the setup script only: `AuthorizedKeysFile /etc/ssh/authorized_keys/%u` "
            + "(root-owned, 0644) so a process cannot add keys to a home directory.");
        advice.add(sshHardening());
        advice.add("Rotate every credential the compromised account could read (deploy keys, tokens, .env files).");
      }
      case LD_PRELOAD -> {
        advice.add("/etc/ld.so.preload should not exist on these hosts: make the setup script assert that and alert "
            + "on its creation (auditd `-w /etc/ld.so.preload -p wa`).");
        advice.add("Treat the host as rootkitted: rebuild it from the setup scripts rather than trusting a clean-up.");
      }
      case HOST_KEY_CHANGED -> {
        advice.add("Verify the new host key out of band (console). If it was a legitimate rebuild, distribute it "
            + "from the setup script (known_hosts in config management); if not, treat the host as compromised.");
      }
      default -> advice.add(sshHardening());
    }
    advice.add("Keep rack's anomaly scan enabled on this host so a recurrence is detected within one check.");
    return advice;
  }

  private static String sshHardening() {
    return "SSH hardening in sshd_config from the setup script: `PasswordAuthentication no`, "
        + "`PermitRootLogin prohibit-password`, `AllowUsers <deploy users>`, `MaxAuthTries 3`.";
  }

  private static String cronAllowList() {
    return "Cron allow-listing: /etc/cron.allow with only root and the deploy user, so other accounts cannot "
        + "install crontabs.";
  }
}
