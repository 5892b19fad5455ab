package dev.weft.fuzz;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Families of constructs the generator may add to its base language, each one a known source of
 * weaver bugs. {@code -Dweft.fuzz.features=all} (the default), {@code none}, or a comma-separated
 * list of ids such as {@code bridges,switchTry} picks them, so a campaign can aim at one family.
 */
enum Feature {
  /**
   * Covariant overrides that make javac emit bridge methods carrying {@code @Async}: a class
   * implementing {@code Supplier<Task<Long>>}, and one whose {@code Task<Long>} method implements
   * an interface method returning {@code CompletionStage<T>}; both called through the interface.
   */
  BRIDGES("bridges"),
  /** An instance {@code @Async m(int, long)} beside a static {@code @Async m(Owner, int, long)}. */
  OVERLOADS("overloads"),
  /**
   * Switch expressions holding a {@code try} around an await, as constructor arguments and
   * operands (javac spills the operand stack, uninitialized objects included, into locals).
   */
  SWITCH_TRY("switchTry"),
  /** {@code synchronized} blocks without awaits, with awaits before and after them. */
  SYNC("sync"),
  /** {@code @Async} methods of local and anonymous classes capturing a local of their method. */
  LOCAL("local");

  /** The features of this JVM's {@code weft.fuzz.features} property. */
  static final Set<Feature> SELECTED = parse(System.getProperty("weft.fuzz.features", "all"));

  final String id;

  Feature(String id) {
    this.id = id;
  }

  /** {@code all}, {@code none} or a comma-separated list of ids; an unknown id is an error. */
  static Set<Feature> parse(String property) {
    String text = property == null ? "" : property.trim();
    if (text.isEmpty() || text.equalsIgnoreCase("all")) {
      return EnumSet.allOf(Feature.class);
    }
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    if (text.equalsIgnoreCase("none")) {
      return features;
    }
    for (String id : text.split(",")) {
      features.add(byId(id.trim()));
    }
    return features;
  }

  private static Feature byId(String id) {
    for (Feature f : values()) {
      if (f.id.toLowerCase(Locale.ROOT).equals(id.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Feature f : values()) {
      known.append(known.length() > 0 ? ", " : "").append(f.id);
    }
    throw new IllegalArgumentException(
        "unknown weft.fuzz.features id '" + id + "'; use all, none, or some of: " + known);
  }
}
