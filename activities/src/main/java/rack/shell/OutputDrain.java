package rack.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Reads one output stream to its end on its own thread, keeping at most {@code cap} bytes. Past the
 * cap it keeps reading and discarding, so the writer on the other side (a remote command filling an
 * SSH window, a local pipe buffer) never blocks on us.
 */
final class OutputDrain {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final int cap;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile boolean truncated;

  private OutputDrain(int cap) {
    this.cap = cap;
  }

  static OutputDrain start(InputStream in, int cap, ExecutorService threads) {
    OutputDrain drain = new OutputDrain(cap);
    threads.execute(() -> drain.readAll(in));
    return drain;
  }

  private void readAll(InputStream in) {
    byte[] buffer = new byte[32 * 1024];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        keep(buffer, n);
      }
      done.complete(null);
    } catch (IOException | RuntimeException e) {
      // A stream closed under us (timeout, lost connection) ends the output; the caller decides.
      done.complete(null);
    }
  }

  private synchronized void keep(byte[] buffer, int n) {
    int room = cap - kept.size();
    if (n > room) {
      truncated = true;
    }
    if (room > 0) {
      kept.write(buffer, 0, Math.min(room, n));
    }
  }

  CompletableFuture<Void> finished() {
    return done;
  }

  boolean truncated() {
    return truncated;
  }

  /** Decoded as UTF-8; invalid bytes become U+FFFD rather than an error. */
  synchronized String text() {
    return text(StandardCharsets.UTF_8);
  }

  synchronized String text(Charset charset) {
    return kept.toString(charset);
  }
}
