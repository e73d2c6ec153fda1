package rack.worker.temporal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports, checked before a server is started on them (their own failure is a stack trace or a log line). */
final class Ports {
  private Ports() {}

  static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void requireFree(int port, String what, String option) throws DevServer.PortTakenException {
    if (!isFree(port)) {
      throw new DevServer.PortTakenException("port " + port + " is taken (" + what + "; is another ./rack dev or Temporal running?); use " + option + " to pick another");
    }
  }
}
