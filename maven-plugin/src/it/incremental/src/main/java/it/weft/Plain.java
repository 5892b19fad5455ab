package it.weft;

/** Never mentions Weft: not even parsed by the plugin. */
public class Plain {
  public int one() {
    return 1;
  }
}
