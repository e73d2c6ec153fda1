package rack.config;

/** Names the relay delivers to: the CEO and the developer who fixes things. */
public record People(String ceo, String developer) {
  public People {
    ceo = ceo == null || ceo.isBlank() ? "ceo" : ceo;
    developer = developer == null || developer.isBlank() ? "developer" : developer;
  }

  public static People defaults() {
    return new People(null, null);
  }
}
