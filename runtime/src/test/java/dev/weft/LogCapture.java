package dev.weft;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A {@code java.util.logging} handler on one runtime logger for a test: it records what is
 * logged, or throws from every publish to play a logger that fails (as the JDK's does when it
 * cannot load its time-zone data under fd exhaustion). The runtime logs through {@link
 * System.Logger}, which the JDK backs with {@code java.util.logging}.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  public final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Logger logger;
  private final Level previousLevel;
  private final boolean previousUseParent;
  private final Error failure;

  private LogCapture(String name, Error failure) {
    this.logger = Logger.getLogger(name);
    this.failure = failure;
    this.previousLevel = logger.getLevel();
    this.previousUseParent = logger.getUseParentHandlers();
    setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false);
    logger.addHandler(this);
  }

  /** Records everything logged on {@code name} until closed. */
  public static LogCapture of(String name) {
    return new LogCapture(name, null);
  }

  /** Throws {@code failure} from every message logged on {@code name} until closed. */
  public static LogCapture failing(String name, Error failure) {
    return new LogCapture(name, failure);
  }

  @Override
  public void publish(LogRecord record) {
    if (failure != null) {
      throw failure;
    }
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
    logger.setUseParentHandlers(previousUseParent);
  }
}
