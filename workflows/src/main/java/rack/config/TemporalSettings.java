package rack.config;

/** Where the Temporal service is. Environment variables (TEMPORAL_ADDRESS, ...) override the file. */
public record TemporalSettings(String address, String namespace, String taskQueue) {
  public static final String DEFAULT_TASK_QUEUE = "rack";

  public TemporalSettings {
    address = blankTo(address, "localhost:7233");
    namespace = blankTo(namespace, "default");
    taskQueue = blankTo(taskQueue, DEFAULT_TASK_QUEUE);
  }

  public static TemporalSettings defaults() {
    return new TemporalSettings(null, null, null);
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
