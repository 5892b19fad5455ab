package dev.weft;

import java.time.Duration;
import java.util.Objects;

/**
 * A point in time on the {@link System#nanoTime()} clock by which something must be done: one
 * value that a request handler passes down so that all its awaits share a single time budget.
 * On the thread of a {@link DrivenLoop} (a test's virtual time) the clock is that loop's instead,
 * so that deadlines made and checked there pass when the test moves its clock.
 *
 * <pre>{@code
 * Deadline deadline = Deadline.after(Duration.ofSeconds(2));
 * User user = await(Task.deadline(users.fetch(id), deadline));
 * Cart cart = await(Task.deadline(carts.fetch(user), deadline)); // what is left of the 2 s
 * }</pre>
 *
 * <p>Immutable and safe to share between threads; every method may be called from any thread.
 * Deadlines compare by time; {@code nanoTime} differences are used, so they stay correct when the
 * clock's value wraps around.
 */
public final class Deadline implements Comparable<Deadline> {
  private final long nanoTime;

  private Deadline(long nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * The deadline {@code timeout} from now. A zero or negative timeout gives a deadline that has
   * already passed; a huge one saturates at about 73 years.
   *
   * @throws NullPointerException if {@code timeout} is null
   */
  public static Deadline after(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return new Deadline(EventLoop.nanoTime() + saturatedNanos(timeout));
  }

  /** The deadline at {@code nanoTime}, a value of {@link System#nanoTime()}. */
  public static Deadline at(long nanoTime) {
    return new Deadline(nanoTime);
  }

  /** This deadline as a {@link System#nanoTime()} value. */
  public long nanoTime() {
    return nanoTime;
  }

  /** Nanoseconds left until this deadline: zero or negative once it has passed. */
  public long remainingNanos() {
    return nanoTime - EventLoop.nanoTime();
  }

  /** Time left until this deadline, or {@link Duration#ZERO} once it has passed. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0L, remainingNanos()));
  }

  /** Whether this deadline has passed. */
  public boolean isExpired() {
    return remainingNanos() <= 0;
  }

  /** The earlier of this deadline and {@code other}. */
  public Deadline min(Deadline other) {
    return compareTo(other) <= 0 ? this : other;
  }

  @Override
  public int compareTo(Deadline other) {
    return Long.signum(nanoTime - other.nanoTime);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Deadline && ((Deadline) o).nanoTime == nanoTime;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(nanoTime);
  }

  /** For example {@code Deadline[in PT1.5S]} or {@code Deadline[passed PT0.2S ago]}. */
  @Override
  public String toString() {
    long left = remainingNanos();
    return left > 0
        ? "Deadline[in " + Duration.ofNanos(left) + "]"
        : "Deadline[passed " + Duration.ofNanos(-left) + " ago]";
  }

  /** {@code d} in nanoseconds, clamped to ±{@code Long.MAX_VALUE / 4} instead of overflowing. */
  static long saturatedNanos(Duration d) {
    long limit = Long.MAX_VALUE / 4;
    if (d.getSeconds() >= limit / 1_000_000_000L) {
      return limit;
    }
    if (d.getSeconds() <= -limit / 1_000_000_000L) {
      return -limit;
    }
    return d.toNanos();
  }
}
