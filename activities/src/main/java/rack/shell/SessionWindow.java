package rack.shell;

import java.time.Duration;

/**
 * How many session channels one SSH connection may have open at once. sshd counts sessions against
 * {@code MaxSessions} (10 by default, 2 or 1 on hardened hosts) and frees one only after its own
 * close handshake and child reaping, so a slot we just released may still be taken on the server.
 * The window therefore starts small, grows by one while every slot is in use and the server keeps
 * accepting, and on a refused open shrinks to what the server did accept and never grows past that
 * again on this connection: a refusal is back-pressure, not a failure.
 */
final class SessionWindow {
  static final int INITIAL = 2;
  /** Below OpenSSH's default {@code MaxSessions 10}, leaving room for other clients of the host. */
  static final int MAX = 8;

  private int size = INITIAL;
  private int ceiling = MAX;
  private int open;
  private long releases;
  private int refusals;

  /** Takes a slot, waiting until one is free or {@code deadlineNanos} (System.nanoTime) passes. */
  synchronized boolean acquire(long deadlineNanos) throws InterruptedException {
    while (open >= size) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    open++;
    return true;
  }

  /** The server accepted a channel in a slot we hold. */
  synchronized void accepted() {
    if (open >= size && size < ceiling) size++;
  }

  /**
   * The server refused the channel of a slot we hold: give the slot back and learn that at most the
   * sessions still running were acceptable.
   */
  synchronized void refused() {
    refusals++;
    open--;
    ceiling = Math.max(1, Math.min(ceiling, open));
    size = Math.min(size, ceiling);
    notifyAll();
  }

  synchronized void release() {
    open--;
    releases++;
    notifyAll();
  }

  /**
   * After a refusal: waits until one of our running sessions closes (that is what frees a slot on
   * the server), or {@code atMost} when none closes sooner (or none runs: then the server is still
   * reaping ours, or another client holds the slots).
   */
  synchronized void awaitRelease(Duration atMost) throws InterruptedException {
    long seen = releases;
    long deadline = System.nanoTime() + atMost.toNanos();
    while (releases == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return;
      wait(Math.max(1, left / 1_000_000));
    }
  }

  synchronized int size() {
    return size;
  }

  synchronized int refusals() {
    return refusals;
  }
}
