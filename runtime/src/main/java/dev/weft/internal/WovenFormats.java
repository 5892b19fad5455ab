package dev.weft.internal;

/**
 * The woven formats this runtime runs. A class woven in format 3 links the four-argument {@link
 * Coroutine#resumer} bootstrap and carries no source lines; a class woven in format 4 links the
 * bootstrap that also takes its format and debug metadata, which refuses any format it does not
 * know here, when the method first suspends, rather than run code it may misread.
 */
final class WovenFormats {
  /** The oldest format this runtime runs (the format of the four-argument bootstrap). */
  static final int OLDEST = 3;
  /** The format the weaver of this version writes. */
  static final int CURRENT = 4;

  private WovenFormats() {}

  /**
   * Throws when this runtime does not run {@code format}, which the class of {@code method} says
   * it was woven in.
   *
   * @param owner the class woven in that format
   * @param method the {@code @Async} method whose resumer is being made
   * @throws BootstrapMethodError naming the class, the method, both formats and the fix
   */
  static void check(int format, Class<?> owner, String method) {
    if (format == CURRENT) {
      return;
    }
    throw new BootstrapMethodError(owner.getName() + "." + method + " was woven in Weft's woven"
        + " format " + format + ", but this runtime runs formats " + OLDEST + " to " + CURRENT
        + ": rebuild " + owner.getName() + " with the weaver (weft-processor, weft-agent or"
        + " weft-maven-plugin) of the same version as this weft-runtime");
  }
}
