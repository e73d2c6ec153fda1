package rack.hostaction;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import rack.config.HostConfig;
import rack.config.RackConfig;
import rack.config.RemediationPolicy;

/** Configs and processes the activity tests share. */
public final class TestHosts {
  public static final String HOST = "local";

  private TestHosts() {}

  public static RackConfig config(RemediationPolicy policy) {
    return new RackConfig(null, null, null, List.of(HostConfig.local(HOST)), null, policy, null, null, null);
  }

  public static RemediationPolicy policy(boolean dryRun) {
    return new RemediationPolicy(null, null, null, dryRun, 50, false);
  }

  /** A process of our own to signal; its cmdline is {@code args} joined by spaces. */
  public static Process start(String... args) throws IOException {
    return new ProcessBuilder(args).redirectErrorStream(true).start();
  }

  public static boolean dies(Process process, Duration within) throws InterruptedException {
    return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  public static boolean dockerWorks() {
    try {
      Process p = new ProcessBuilder("docker", "ps").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a local command for test setup and returns its stdout. */
  public static String sh(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }
}
