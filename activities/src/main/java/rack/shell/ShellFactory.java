package rack.shell;

import rack.config.HostConfig;

/** Opens a {@link Shell} to a configured host: SSH, or local for {@code local: true}. */
public interface ShellFactory {
  Shell open(HostConfig host) throws ShellException;
}
