package rack.worker.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalCliTest {
  @TempDir Path dir;

  private Path executable(String relative) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void theEnvironmentVariableWinsOverPathAndTheCheckout() throws Exception {
    Path named = executable("elsewhere/my-temporal");
    executable("bin/temporal");
    executable("home/.tools/bin/temporal");
    Optional<Path> found = TemporalCli.find(
        Map.of("RACK_TEMPORAL_CLI", named.toString(), "PATH", dir.resolve("bin").toString()), Optional.of(dir.resolve("home")));
    assertEquals(Optional.of(named), found);
  }

  @Test
  void aNamedCliThatIsMissingIsAnErrorNotAFallback() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TemporalCli.find(Map.of("RACK_TEMPORAL_CLI", dir.resolve("nope").toString()), Optional.empty()));
    assertTrue(e.getMessage().contains("is not an executable file"), e.getMessage());
  }

  @Test
  void pathIsSearchedInOrderAndSkipsNonExecutables() throws Exception {
    Path notExecutable = dir.resolve("a/temporal");
    Files.createDirectories(notExecutable.getParent());
    Files.writeString(notExecutable, "not a program");
    Path second = executable("b/temporal");
    executable("c/temporal");
    String path = String.join(":", dir.resolve("a").toString(), "", dir.resolve("b").toString(), dir.resolve("c").toString());
    assertEquals(Optional.of(second), TemporalCli.find(Map.of("PATH", path), Optional.of(dir.resolve("home"))));
  }

  @Test
  void theCheckoutsToolsDirectoryIsTheLastResort() throws Exception {
    Path tools = executable("home/.tools/bin/temporal");
    assertEquals(Optional.of(tools), TemporalCli.find(Map.of("PATH", dir.resolve("empty").toString()), Optional.of(dir.resolve("home"))));
  }

  @Test
  void noCliAnywhereIsEmpty() {
    assertEquals(Optional.empty(), TemporalCli.find(Map.of("PATH", dir.toString()), Optional.of(dir)));
    assertEquals(Optional.empty(), TemporalCli.find(Map.of(), Optional.empty()));
  }

  @Test
  void rackHomeComesFromTheLauncherElseFromWhereTheCodeLives() {
    assertEquals(Optional.of(Path.of("/opt/rack")), TemporalCli.rackHome(Map.of("RACK_HOME", "/opt/rack")));
    // These tests run from worker/target/test-classes against worker/target/classes: the checkout is two levels up.
    Path home = TemporalCli.rackHome(Map.of()).orElseThrow();
    assertTrue(Files.isDirectory(home.resolve("worker")) && Files.exists(home.resolve("pom.xml")), home.toString());
  }
}
