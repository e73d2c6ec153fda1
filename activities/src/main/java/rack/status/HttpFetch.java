package rack.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** GET with a bounded body: a status page that streams forever or sends gigabytes is an error. */
final class HttpFetch {
  static final long MAX_BODY_BYTES = 5L * 1024 * 1024;

  private HttpFetch() {}

  /** A response's status, body text and how long it took. */
  record Fetched(int code, String body, long millis) {
    boolean successful() {
      return code >= 200 && code < 300;
    }
  }

  static Fetched get(OkHttpClient http, String url) throws IOException {
    Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
    long started = System.nanoTime();
    try (Response response = http.newCall(request).execute()) {
      String body = read(response.body());
      return new Fetched(response.code(), body, (System.nanoTime() - started) / 1_000_000);
    }
  }

  private static String read(ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    if (source.request(MAX_BODY_BYTES + 1)) {
      throw new IOException("response body larger than " + MAX_BODY_BYTES + " bytes");
    }
    return source.getBuffer().readString(StandardCharsets.UTF_8);
  }

  /** The start of a body, safe to put into a message. */
  static String excerpt(String body) {
    String cut = body.length() > 200 ? body.substring(0, 200) + "…" : body;
    return cut.replaceAll("\\p{Cntrl}", " ").strip();
  }
}
