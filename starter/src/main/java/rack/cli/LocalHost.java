package rack.cli;

/** The name this machine goes by when rack runs without a config file. */
final class LocalHost {
  static final String NAME = "local";

  private LocalHost() {}
}
