package dev.weft.internal.util;

import java.util.function.Supplier;

/**
 * Logging that never throws, for the runtime's own packages (not API: it may change in any
 * release). A loop logs the failures it survives, and the logger may be the next
 * thing to fail: under fd exhaustion the JDK's first log message cannot load its time-zone data
 * and throws {@link NoClassDefFoundError}; a message's {@code toString} calls may throw too. What
 * this class cannot log is dropped, after one best-effort line on {@code System.err}.
 *
 * <p>Any thread.
 */
public final class Logs {
  private Logs() {}

  /**
   * The runtime's loggers, named after the public class they speak for, so that users configure
   * {@code dev.weft.EventLoop}, {@code dev.weft.Task} and {@code dev.weft.net.TcpServer}.
   *
   * <p>{@code LOOP}: what a loop, its I/O and its blocking pool survive (a task, a timer, a
   * waiter, a logger or an I/O step that threw; failed accepts and closes).
   */
  public static final System.Logger LOOP = System.getLogger("dev.weft.EventLoop");
  /** Failures of tasks that nobody observed. */
  public static final System.Logger TASK = System.getLogger("dev.weft.Task");
  /** A TCP server's accept failures and its handlers' failures. */
  public static final System.Logger TCP_SERVER = System.getLogger("dev.weft.net.TcpServer");

  /** Logs {@code message} (built only if the level is enabled) and {@code thrown}, or drops it. */
  public static void log(System.Logger logger, System.Logger.Level level, Supplier<String> message,
      Throwable thrown) {
    try {
      if (!logger.isLoggable(level)) {
        return;
      }
      String text = message.get();
      if (thrown == null) {
        logger.log(level, text);
      } else {
        logger.log(level, text, thrown);
      }
    } catch (Throwable loggingFailed) {
      dropped(logger, thrown, loggingFailed);
    }
  }

  /** {@link #log} without a throwable. */
  public static void log(System.Logger logger, System.Logger.Level level, Supplier<String> message) {
    log(logger, level, message, null);
  }

  private static void dropped(System.Logger logger, Throwable thrown, Throwable loggingFailed) {
    try {
      System.err.println("weft: logger " + logger.getName() + " failed (" + loggingFailed
          + "); dropped a message" + (thrown == null ? "" : " about " + thrown));
    } catch (Throwable ignored) {
      // nothing is left to report with
    }
  }
}
