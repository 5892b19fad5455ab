package dev.weft.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The {@code includes}/{@code excludes} of the plugin: a class is woven when it matches an include
 * (or there are none) and no exclude. Patterns are binary class names with wildcards: {@code **}
 * matches anything, dots included; {@code *} anything within one package segment; {@code ?} one
 * character. So {@code com.acme.**} is every class under {@code com.acme}, {@code com.acme.*} the
 * classes directly in it. A nested class follows its outer class: the pattern {@code
 * com.acme.Orders} also covers {@code com.acme.Orders$1}.
 */
final class ClassNameFilter implements Predicate<String> {
  private final List<Pattern> includes;
  private final List<Pattern> excludes;

  ClassNameFilter(List<String> includes, List<String> excludes) {
    this.includes = compile(includes);
    this.excludes = compile(excludes);
  }

  /** Whether the class with this binary name (such as {@code com.acme.Orders$1}) is to be woven. */
  @Override
  public boolean test(String binaryName) {
    return (includes.isEmpty() || matchesAny(includes, binaryName)) && !matchesAny(excludes, binaryName);
  }

  private static boolean matchesAny(List<Pattern> patterns, String binaryName) {
    int nested = binaryName.indexOf('$');
    String outer = nested < 0 ? binaryName : binaryName.substring(0, nested);
    for (Pattern pattern : patterns) {
      if (pattern.matcher(binaryName).matches() || pattern.matcher(outer).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> compile(List<String> globs) {
    List<Pattern> patterns = new ArrayList<>();
    if (globs != null) {
      for (String glob : globs) {
        if (glob != null && !glob.isBlank()) {
          patterns.add(toRegex(glob.trim()));
        }
      }
    }
    return patterns;
  }

  static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^.]*");
      } else if (c == '?') {
        regex.append("[^.]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
