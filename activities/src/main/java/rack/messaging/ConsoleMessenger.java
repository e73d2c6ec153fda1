package rack.messaging;

import java.io.PrintStream;
import java.util.Locale;

/** Dev mode without a relay: prints {@code [to ceo] text} on the worker's console, once per key. */
public final class ConsoleMessenger implements Messenger {
  private final PrintStream out;
  private final DeliveredKeys delivered = new DeliveredKeys(10_000);

  public ConsoleMessenger(PrintStream out) {
    this.out = out;
  }

  public ConsoleMessenger() {
    this(System.out);
  }

  @Override
  public void send(Message message) {
    if (delivered.contains(message.idempotencyKey())) return;
    out.println("[to " + message.recipient().name().toLowerCase(Locale.ROOT) + "] " + message.text());
    out.flush();
    delivered.add(message.idempotencyKey());
  }
}
