package dev.weft.samples;

/** A runnable sample, started by {@link Main} by name. */
public interface Sample {
  /** One line for the list of samples: what it does and its options. */
  String summary();

  /**
   * Runs the sample with the arguments after its name.
   *
   * @return whether what it observed is what it promised (the process exits 1 otherwise)
   */
  boolean run(String[] args) throws Exception;
}
