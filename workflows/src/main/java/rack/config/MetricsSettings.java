package rack.config;

/** Where the worker serves Prometheus {@code /metrics}; port 0 disables it. */
public record MetricsSettings(int port) {}
