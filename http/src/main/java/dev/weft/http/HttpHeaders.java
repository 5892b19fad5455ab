package dev.weft.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The header fields of a request or response, in the order they were added; names compare
 * without regard to case (RFC 9110 section 5.1). Immutable: {@link #with} returns a new value.
 * Names and values are checked when added: a name must be a token and a value must not hold CR,
 * LF or NUL, so that no header can split a message.
 */
public final class HttpHeaders {
  private static final HttpHeaders EMPTY = new HttpHeaders(new String[0]);

  /** Names at even indexes, each followed by its value. */
  private final String[] fields;

  private HttpHeaders(String[] fields) {
    this.fields = fields;
  }

  /** No headers. */
  public static HttpHeaders of() {
    return EMPTY;
  }

  /**
   * Headers from name-value pairs: {@code HttpHeaders.of("Content-Type", "text/plain")}.
   *
   * @throws IllegalArgumentException if the count is odd, a name is not a token, or a value holds
   *     CR, LF or NUL
   */
  public static HttpHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("HttpHeaders.of: names and values must come in pairs, got "
          + namesAndValues.length + " strings");
    }
    for (int i = 0; i < namesAndValues.length; i += 2) {
      check(namesAndValues[i], namesAndValues[i + 1]);
    }
    return new HttpHeaders(namesAndValues.clone());
  }

  /** Headers already checked by the parser; the array is not copied. */
  static HttpHeaders trusted(List<String> fields) {
    return fields.isEmpty() ? EMPTY : new HttpHeaders(fields.toArray(new String[0]));
  }

  /**
   * These headers and one more field at the end.
   *
   * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
   */
  public HttpHeaders with(String name, String value) {
    check(name, value);
    String[] more = Arrays.copyOf(fields, fields.length + 2);
    more[fields.length] = name;
    more[fields.length + 1] = value;
    return new HttpHeaders(more);
  }

  /** These headers without any field named {@code name}. */
  public HttpHeaders without(String name) {
    List<String> kept = new ArrayList<>(fields.length);
    for (int i = 0; i < fields.length; i += 2) {
      if (!fields[i].equalsIgnoreCase(name)) {
        kept.add(fields[i]);
        kept.add(fields[i + 1]);
      }
    }
    return kept.size() == fields.length ? this : trusted(kept);
  }

  /** The value of the first field named {@code name}, or null. */
  public String first(String name) {
    for (int i = 0; i < fields.length; i += 2) {
      if (fields[i].equalsIgnoreCase(name)) {
        return fields[i + 1];
      }
    }
    return null;
  }

  /** The values of every field named {@code name}, in order. */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>(1);
    for (int i = 0; i < fields.length; i += 2) {
      if (fields[i].equalsIgnoreCase(name)) {
        values.add(fields[i + 1]);
      }
    }
    return values;
  }

  /** Whether a field named {@code name} is present. */
  public boolean contains(String name) {
    return first(name) != null;
  }

  /** How many fields there are. */
  public int size() {
    return fields.length / 2;
  }

  /** The name of field {@code i}, as it was given. */
  public String name(int i) {
    return fields[2 * Objects.checkIndex(i, size())];
  }

  /** The value of field {@code i}. */
  public String value(int i) {
    return fields[2 * Objects.checkIndex(i, size()) + 1];
  }

  /** Appends every field as {@code name: value CRLF}. */
  void appendTo(StringBuilder out) {
    for (int i = 0; i < fields.length; i += 2) {
      out.append(fields[i]).append(": ").append(fields[i + 1]).append("\r\n");
    }
  }

  /** Whether {@code name} is an HTTP token (RFC 9110 section 5.6.2). */
  static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static void check(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!isToken(name)) {
      throw new IllegalArgumentException("HttpHeaders: header name '" + name + "' is not a token");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException(
            "HttpHeaders: the value of header " + name + " holds CR, LF or NUL");
      }
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("HttpHeaders[");
    for (int i = 0; i < fields.length; i += 2) {
      s.append(i == 0 ? "" : ", ").append(fields[i]).append(": ").append(fields[i + 1]);
    }
    return s.append(']').toString();
  }
}
