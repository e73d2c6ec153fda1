package rack.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Where a long-running {@code ./rack dev} logs. The console is for the person running it: rack's own
 * lines, one line each. What the libraries say (the Temporal SDK retrying a poll, gRPC losing a
 * connection, sshj) goes to a file with its stack traces, for when something is wrong. {@code
 * RACK_DEBUG=1} keeps everything on the console, as logback.xml sets it up.
 */
final class LibraryLog {
  private static final String CONSOLE = "STDERR";

  private LibraryLog() {}

  static boolean debug() {
    return System.getenv("RACK_DEBUG") != null;
  }

  /** From now on: libraries (and rack, with traces) to {@code file}; rack's own lines, without traces, to stderr. */
  static void divertTo(Path file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    FileAppender<ILoggingEvent> toFile = new FileAppender<>();
    toFile.setContext(context);
    toFile.setName("FILE");
    toFile.setFile(file.toString());
    toFile.setAppend(true);
    toFile.setEncoder(encoder(context, "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n"));
    toFile.start();

    ConsoleAppender<ILoggingEvent> rackOnly = new ConsoleAppender<>();
    rackOnly.setContext(context);
    rackOnly.setName("RACK_CONSOLE");
    rackOnly.setTarget("System.err");
    // %nopex: a trace belongs in the file, the console line says what happened.
    rackOnly.setEncoder(encoder(context, "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n%nopex"));
    rackOnly.start();

    root.addAppender(toFile);
    root.detachAppender(CONSOLE);
    context.getLogger("rack").addAppender(rackOnly);
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }
}
