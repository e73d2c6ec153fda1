package rack.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rack.config.People;
import rack.config.RelaySettings;
import rack.status.HttpClients;

/**
 * A relay that closes the connection after every answer without saying so, as Python's
 * {@code http.server} does (and as any server does once its keep-alive timeout has passed): no
 * message may fail because the worker's HTTP client reused a connection the relay had already
 * closed. (With OkHttp's own connection retries off for this POST, such a failure costs a Temporal
 * retry, a second or more, on the CEO's message; the bench measured every second message failing.)
 */
class RelayMessengerConnectionTest {
  @TempDir Path dir;
  private ServerSocket server;
  private Thread serving;
  private final AtomicInteger answered = new AtomicInteger();
  private final List<String> connectionHeaders = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    server.close();
    serving.join(5_000);
  }

  @Test
  void everyMessageIsDeliveredOnItsFirstAttemptByARelayThatClosesEachConnection() throws Exception {
    startClosingRelay();
    Path secret = dir.resolve("relay.secret");
    Files.writeString(secret, "s3cret\n");
    RelayMessenger messenger = new RelayMessenger(
        new RelaySettings("http://127.0.0.1:" + server.getLocalPort() + "/relay", secret.toString(), "rack"),
        new People("ceo", "dev"), HttpClients.shared());

    for (int i = 0; i < 6; i++) {
      messenger.send(new Message(MessageKind.LOOP_STARTED, "message " + i, "key-" + i));
    }

    assertEquals(6, answered.get());
    synchronized (connectionHeaders) {
      assertEquals(List.of("close", "close", "close", "close", "close", "close"), connectionHeaders);
    }
  }

  /** Reads one request per connection, answers HTTP/1.0 200 without a Connection header, closes. */
  private void startClosingRelay() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serving = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
          int length = 0;
          String connection = null;
          for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
            if (lower.startsWith("connection:")) connection = line.substring(11).trim().toLowerCase(Locale.ROOT);
          }
          in.skip(length);
          synchronized (connectionHeaders) {
            connectionHeaders.add(connection);
          }
          answered.incrementAndGet(); // before answering: the client may check the count as soon as it reads
          OutputStream out = socket.getOutputStream();
          out.write("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"
              .getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        } catch (IOException e) {
          // The server socket was closed by stop(), or a client went away: the counts tell.
        }
      }
    }, "closing-relay");
    serving.setDaemon(true);
    serving.start();
  }
}
