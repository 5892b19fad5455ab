package dev.weft.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Router} path pattern: literal segments, {@code {name}} segments that match any one
 * non-empty segment, and an optional last {@code *} that matches the rest of the path (possibly
 * nothing). Immutable.
 */
final class PathPattern {
  private final String pattern;
  /** Each segment: a literal, or a parameter name when {@link #params} says so. */
  private final String[] segments;
  private final boolean[] params;
  private final boolean prefix;

  private PathPattern(String pattern, String[] segments, boolean[] params, boolean prefix) {
    this.pattern = pattern;
    this.segments = segments;
    this.params = params;
    this.prefix = prefix;
  }

  /**
   * Parses {@code pattern}.
   *
   * @throws IllegalArgumentException naming the pattern and what is wrong with it
   */
  static PathPattern parse(String pattern) {
    if (pattern == null || !pattern.startsWith("/")) {
      throw bad(pattern, "does not start with /");
    }
    String[] parts = pattern.substring(1).split("/", -1);
    boolean prefix = parts[parts.length - 1].equals("*");
    int n = prefix ? parts.length - 1 : parts.length;
    List<String> segments = new ArrayList<>(n);
    boolean[] params = new boolean[n];
    for (int i = 0; i < n; i++) {
      String part = parts[i];
      if (part.indexOf('*') >= 0) {
        throw bad(pattern, "has a * that is not its whole last segment");
      }
      boolean open = part.startsWith("{");
      if (open != part.endsWith("}") || (open && part.length() < 3)) {
        throw bad(pattern, "has an empty or unclosed {} segment");
      }
      params[i] = open;
      segments.add(open ? part.substring(1, part.length() - 1) : part);
    }
    return new PathPattern(pattern, segments.toArray(new String[0]), params, prefix);
  }

  private static IllegalArgumentException bad(String pattern, String why) {
    return new IllegalArgumentException("Router.route: path pattern '" + pattern + "' " + why);
  }

  /** The parameters {@code path} binds, or null if it does not match. */
  Map<String, String> match(String path) {
    if (!path.startsWith("/")) {
      return null;
    }
    Map<String, String> bound = Map.of();
    int from = 1;
    for (int i = 0; i < segments.length; i++) {
      int slash = path.indexOf('/', from);
      boolean last = slash < 0;
      int end = last ? path.length() : slash;
      if (last && i < segments.length - 1) {
        return null;
      }
      if (params[i]) {
        if (end == from) {
          return null;
        }
        if (bound.isEmpty()) {
          bound = new HashMap<>(4);
        }
        bound.put(segments[i], path.substring(from, end));
      } else if (!path.regionMatches(from, segments[i], 0, segments[i].length())
          || end - from != segments[i].length()) {
        return null;
      }
      if (last) {
        return prefix ? null : bound;
      }
      from = slash + 1;
    }
    return prefix ? bound : null;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
