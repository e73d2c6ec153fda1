package rack.messaging;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Delivers a message to a person through the relay (or the console in dev mode). The secret is read
 * from its file inside the activity, so it never enters workflow history.
 */
@ActivityInterface
public interface Messenger {
  @ActivityMethod(name = "SendMessage")
  void send(Message message);
}
