package rack.worker.config;

/** A config file that cannot be used, with one line saying where and why. */
public class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
