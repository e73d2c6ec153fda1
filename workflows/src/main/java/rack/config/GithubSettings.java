package rack.config;

/** The GitHub webhook receiver: port to listen on and the file holding the webhook secret. */
public record GithubSettings(int port, String secretFile) {}
