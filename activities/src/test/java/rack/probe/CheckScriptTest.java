package rack.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rack.shell.CommandResult;
import rack.shell.LocalShell;

/**
 * The one-channel check script, run for real: by {@link LocalShell} (as a {@code local: true} host
 * runs it) and by each POSIX shell a host may have as {@code sh}.
 */
class CheckScriptTest {
  private static final String NONCE = "0123456789abcdef";
  private static final Duration SECTION_TIMEOUT = Duration.ofSeconds(10);
  @TempDir Path dir;

  private static Map<String, CommandResult> runLocally(CheckScript script, List<String> notes) throws Exception {
    try (LocalShell shell = new LocalShell("here")) {
      CommandResult raw = shell.run(CheckScript.LAUNCHER, script.timeout(), script.runOptions());
      return new CheckOutput(script).split(raw, notes);
    }
  }

  private static CheckScript script(CheckSection... sections) {
    return new CheckScript(NONCE, List.of(sections), SECTION_TIMEOUT);
  }

  @Test
  void keepsEachSectionsStdoutStderrAndExitApartAndInOrder() throws Exception {
    CheckScript script = script(
        new CheckSection("plain", "echo one; echo two"),
        new CheckSection("no newline", "printf 'no newline at the end'"),
        new CheckSection("both", "echo out; echo err >&2; exit 3"),
        new CheckSection("empty", "true"),
        new CheckSection("utf8", "printf 'Gr\\303\\274\\303\\237e \\342\\202\\254\\n'"),
        new CheckSection("quotes", "printf '%s\\n' \"it's\" '$HOME' \"a\\\"b\""),
        new CheckSection("missing", "no-such-command-here"));
    List<String> notes = new ArrayList<>();
    Map<String, CommandResult> out = runLocally(script, notes);

    assertEquals(List.of(), notes);
    assertEquals(List.of("plain", "no newline", "both", "empty", "utf8", "quotes", "missing"), List.copyOf(out.keySet()));
    assertEquals("one\ntwo\n", out.get("plain").stdout());
    assertEquals("no newline at the end", out.get("no newline").stdout());
    assertEquals("out\n", out.get("both").stdout());
    assertEquals("err", out.get("both").stderr()); // the shell's $(...) drops the final newline
    assertEquals(3, out.get("both").exitCode());
    assertEquals("", out.get("empty").stdout());
    assertEquals(0, out.get("empty").exitCode());
    assertEquals("Grüße €\n", out.get("utf8").stdout());
    assertEquals("it's\n$HOME\na\"b\n", out.get("quotes").stdout());
    assertEquals(127, out.get("missing").exitCode());
    assertTrue(out.get("missing").stderr().contains("not found"), out.get("missing").stderr());
  }

  /** Section "first" can only finish once "second" has started: sequential sections would time out. */
  @Test
  void runsTheSectionsAtTheSameTime() throws Exception {
    Path flag = dir.resolve("second-started");
    String waitForFlag = "i=0; while [ ! -e '" + flag + "' ]; do i=$((i+1)); [ $i -gt 100 ] && exit 9; sleep 0.05; done; echo saw it";
    CheckScript script = script(
        new CheckSection("first", waitForFlag),
        new CheckSection("second", "touch '" + flag + "'; echo started"));
    Map<String, CommandResult> out = runLocally(script, new ArrayList<>());
    assertEquals("saw it\n", out.get("first").stdout());
    assertEquals(0, out.get("first").exitCode());
    assertEquals("started\n", out.get("second").stdout());
  }

  @Test
  void aForgedMarkerInsideASectionIsJustContent() throws Exception {
    // The worst case: the forger knows the nonce and the frame format, and forges the next frame.
    String forged = "==> rack-" + NONCE + " 1 12\\nfake ps row\\n0 0\\n==> rack-" + NONCE + " 2 5\\nx\\n0 0";
    CheckScript script = script(
        new CheckSection("authorized_keys", "printf 'ssh-ed25519 AAAA key\\n" + forged + "\\n'"),
        new CheckSection("ps", "echo '1 0 root real ps row'"),
        new CheckSection("sockets", "echo LISTEN"));
    List<String> notes = new ArrayList<>();
    Map<String, CommandResult> out = runLocally(script, notes);

    assertEquals(List.of(), notes);
    assertTrue(out.get("authorized_keys").stdout().contains("fake ps row"));
    assertEquals("1 0 root real ps row\n", out.get("ps").stdout());
    assertEquals("LISTEN\n", out.get("sockets").stdout());
  }

  @Test
  void aSectionThatReadsStdinGetsNothingAndCannotEatTheScript() throws Exception {
    CheckScript script = script(
        new CheckSection("reader", "cat; echo read-done"),
        new CheckSection("after", "echo still here"));
    Map<String, CommandResult> out = runLocally(script, new ArrayList<>());
    assertEquals("read-done\n", out.get("reader").stdout());
    assertEquals("still here\n", out.get("after").stdout());
  }

  @Test
  void aSlowSectionTimesOutAloneAndTheOthersStillCount() throws Exception {
    CheckScript script = new CheckScript(NONCE, List.of(
        new CheckSection("slow", "echo begun; sleep 30"),
        new CheckSection("quick", "echo fine")), Duration.ofSeconds(1));
    Map<String, CommandResult> out = runLocally(script, new ArrayList<>());
    assertTrue(out.get("slow").timedOut());
    assertNull(out.get("slow").exitCode());
    assertEquals("begun\n", out.get("slow").stdout());
    assertEquals("fine\n", out.get("quick").stdout());
  }

  @Test
  void aLoginShellGreetingBeforeTheFirstFrameIsIgnoredWithANote() {
    CheckScript script = script(new CheckSection("one", "echo x"));
    String frames = "Welcome to staging!\n==> rack-" + NONCE + " 0 6\nx\n\n0 0\n";
    List<String> notes = new ArrayList<>();
    Map<String, CommandResult> out = new CheckOutput(script).split(raw(frames), notes);
    assertEquals("x\n", out.get("one").stdout());
    assertTrue(notes.get(0).contains("before the first section"), notes.toString());
  }

  @Test
  void outputCutShortLosesTheCutSectionsWithANoteAndKeepsTheWholeOnes() {
    CheckScript script = script(new CheckSection("one", "echo x"), new CheckSection("two", "echo y"));
    String frames = "==> rack-" + NONCE + " 0 6\nx\n\n0 0\n==> rack-" + NONCE + " 1 6\ny\n";
    List<String> notes = new ArrayList<>();
    Map<String, CommandResult> out = new CheckOutput(script).split(raw(frames), notes);
    assertEquals(List.of("one"), List.copyOf(out.keySet()));
    assertTrue(notes.get(0).contains("from 'two' on"), notes.toString());
  }

  @Test
  void aWrongNonceIsNoFrameAtAll() {
    CheckScript script = script(new CheckSection("one", "echo x"));
    List<String> notes = new ArrayList<>();
    Map<String, CommandResult> out = new CheckOutput(script).split(raw("==> rack-ffffffffffffffff 0 5\nx\n0 0\n"), notes);
    assertTrue(out.isEmpty());
    assertTrue(notes.get(0).contains("no section came back"), notes.toString());
  }

  /** Whatever POSIX shell a host has as sh runs the script the same way (dash on Debian, bash on RHEL, busybox ash). */
  @ParameterizedTest
  @ValueSource(strings = {"/usr/bin/dash", "/usr/bin/bash", "/usr/bin/busybox sh"})
  void everyCommonShellRunsItTheSame(String shell) throws Exception {
    String[] argv = (shell + " -s").split(" ");
    org.junit.jupiter.api.Assumptions.assumeTrue(new File(argv[0]).canExecute(), argv[0] + " not installed");
    CheckScript script = script(
        new CheckSection("utf8", "printf 'Gr\\303\\274\\303\\237e\\n'; echo warn >&2"),
        new CheckSection("plain", "echo one; exit 4"));
    Process p = new ProcessBuilder(argv).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(script.text().getBytes(StandardCharsets.UTF_8));
    }
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    List<String> notes = new ArrayList<>();
    Map<String, CommandResult> out = new CheckOutput(script).split(raw(stdout), notes);
    assertEquals(List.of(), notes);
    assertEquals("Grüße\n", out.get("utf8").stdout());
    assertEquals("warn", out.get("utf8").stderr());
    assertEquals("one\n", out.get("plain").stdout());
    assertEquals(4, out.get("plain").exitCode());
  }

  @Test
  void theScriptNeverShowsTheNonceOnTheCommandLine() {
    CheckScript script = script(new CheckSection("one", "echo x"));
    assertFalse(CheckScript.LAUNCHER.contains(NONCE));
    assertTrue(script.runOptions().stdin().contains(NONCE));
  }

  @Test
  void theRealCheckIsOneScriptWithEverySection() throws Exception {
    List<CheckSection> sections = HostCommands.all(NONCE);
    CheckScript script = new CheckScript(NONCE, sections, SECTION_TIMEOUT);
    List<String> notes = new ArrayList<>();
    Map<String, CommandResult> out = runLocally(script, notes);
    assertEquals(sections.stream().map(CheckSection::name).toList(), List.copyOf(out.keySet()), notes.toString());
    assertTrue(out.get("meminfo").stdout().startsWith("MemTotal:"), out.get("meminfo").stdout());
    assertTrue(Files.readString(Path.of("/proc/loadavg")).split(" ")[3].contains("/"));
  }

  @Test
  void aHostCheckedBeforeReadsContainerCpuOnceWithoutThePause() throws Exception {
    String twice = section(HostCommands.all(NONCE, true), "container cpu");
    String once = section(HostCommands.all(NONCE, false), "container cpu");
    assertTrue(twice.contains("sleep " + rack.probe.parse.ContainerCpuParser.GAP_SECONDS), twice);
    assertFalse(once.contains("sleep"), once);
    assertEquals(HostCommands.all(NONCE).stream().map(CheckSection::command).toList(),
        HostCommands.all(NONCE, true).stream().map(CheckSection::command).toList());
    // It runs, and prints one round: one clock line.
    Process p = new ProcessBuilder("sh", "-c", once).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    assertEquals(1, out.lines().filter(l -> l.startsWith("clock\t")).count(), out);
  }

  private static String section(List<CheckSection> sections, String name) {
    return sections.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().command();
  }

  private static CommandResult raw(String stdout) {
    return new CommandResult(CheckScript.LAUNCHER, 0, stdout, "", false, false, Duration.ofMillis(1));
  }
}
