package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages depend one way, as {@code jdeps} sees the compiled classes: each package
 * may use only packages of a lower layer (and the JDK). No cycle is possible then, and a new
 * package must be placed here before it can be used.
 */
class PackageLayersTest {
  /** Layer of each runtime package: a package uses only lower layers. */
  private static final Map<String, Integer> LAYERS = Map.of(
      "dev.weft.internal.util", 0,
      "dev.weft.internal.jfr", 0,
      "dev.weft", 1,
      "dev.weft.net", 2,
      "dev.weft.io", 2,
      "dev.weft.sync", 2,
      "dev.weft.internal", 2);

  @Test
  void packagesDependOnlyOnLowerLayers() throws Exception {
    List<String> violations = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    for (String[] edge : packageEdges()) {
      String from = edge[0];
      String to = edge[1];
      seen.add(from);
      if (from.equals(to) || !to.startsWith("dev.weft")) {
        continue;
      }
      Integer fromLayer = LAYERS.get(from);
      Integer toLayer = LAYERS.get(to);
      if (fromLayer == null || toLayer == null) {
        violations.add(from + " -> " + to + ": place " + (fromLayer == null ? from : to) + " in LAYERS");
      } else if (toLayer >= fromLayer) {
        violations.add(from + " -> " + to);
      }
    }
    assertTrue(seen.containsAll(LAYERS.keySet()), "jdeps saw only " + seen);
    assertEquals(List.of(), violations, "package dependencies against the layering");
  }

  /** {@code jdeps -verbose:package} over the runtime's classes: {from, to} per line. */
  private static List<String[]> packageEdges() throws Exception {
    Path classes = Paths.get(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
        classes.toString());
    assertEquals(0, code, () -> "jdeps failed: " + err);
    List<String[]> edges = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words.length >= 3 && words[1].equals("->") && words[0].startsWith("dev.weft")) {
        edges.add(new String[] {words[0], words[2]});
      }
    }
    return edges;
  }
}
