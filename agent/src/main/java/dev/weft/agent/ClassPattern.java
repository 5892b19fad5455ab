package dev.weft.agent;

import java.util.regex.Pattern;

/**
 * One include or exclude pattern over binary class names ({@code com.acme.Orders}).
 *
 * <ul>
 *   <li>{@code **} matches any characters, dots included: {@code com.acme.**} is every class in
 *       {@code com.acme} and its subpackages;
 *   <li>{@code *} matches any characters but a dot: {@code com.acme.*} is every class directly in
 *       {@code com.acme}; {@code com.acme.*Service} the classes whose names end so;
 *   <li>anything else matches itself.
 * </ul>
 *
 * A pattern that matches a top-level class also matches its nested, local and anonymous classes
 * ({@code com.acme.Orders} covers {@code com.acme.Orders$Line}), since they are woven with it.
 */
final class ClassPattern {
  private final String text;
  private final Pattern regex;

  private ClassPattern(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  /** Compiles one pattern; {@code text} is in binary-name form, with dots. */
  static ClassPattern compile(String text) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (text.charAt(i) == '*') {
        regex.append("[^.]*");
        i++;
      } else {
        int next = nextStar(text, i);
        regex.append(Pattern.quote(text.substring(i, next)));
        i = next;
      }
    }
    return new ClassPattern(text, Pattern.compile(regex.toString()));
  }

  private static int nextStar(String text, int from) {
    int star = text.indexOf('*', from);
    return star < 0 ? text.length() : star;
  }

  /** Whether the class (internal name, {@code com/acme/Orders$1}) or its top-level class matches. */
  boolean matches(String internalName) {
    String binary = internalName.replace('/', '.');
    if (regex.matcher(binary).matches()) {
      return true;
    }
    int dollar = binary.indexOf('$', binary.lastIndexOf('.') + 1);
    return dollar > 0 && regex.matcher(binary.substring(0, dollar)).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
