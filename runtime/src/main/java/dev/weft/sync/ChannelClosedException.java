package dev.weft.sync;

/**
 * Thrown (as the failure of a send or receive task, or directly by {@link Channel#trySend}) when
 * a {@link Channel} is closed: a send after or pending at {@link Channel#close}, or a receive once
 * the closed channel has no elements left.
 */
public class ChannelClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which says which operation met the closed channel. */
  public ChannelClosedException(String message) {
    super(message);
  }
}
