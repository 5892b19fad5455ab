package dev.weft.processor.run;

import java.util.stream.Stream;

/**
 * One run of a corpus test: the weaving mode and the timing of the program's stages. Run tests are
 * {@code @ParameterizedTest @MethodSource(Run.ALL)} methods taking a {@code Run}.
 */
record Run(Mode mode, Timing timing) {
  static final String ALL = "dev.weft.processor.run.Run#all";
  static final String MODES = "dev.weft.processor.run.Run#modes";

  /** Every enabled mode under every timing. */
  static Stream<Run> all() {
    return Mode.enabled().stream()
        .flatMap(mode -> Stream.of(Timing.values()).map(timing -> new Run(mode, timing)));
  }

  /** Every enabled mode, for tests that control suspension themselves. */
  static Stream<Mode> modes() {
    return Mode.enabled().stream();
  }

  /** Compiles and weaves {@code sources} (cached per mode), then loads them afresh. */
  Program load(String... sources) {
    return WovenProgram.of(mode, sources).load(timing);
  }

  @Override
  public String toString() {
    return mode + "/" + timing;
  }
}
