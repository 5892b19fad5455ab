package dev.weft.release;

import java.io.IOException;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** A POM file read as plain XML: the text of elements found by their path under {@code <project>}. */
final class Pom {
  private final Path file;
  private final Element project;

  private Pom(Path file, Element project) {
    this.file = file;
    this.project = project;
  }

  /** Parses {@code file}; fails with the file's name if it is not well-formed XML. */
  static Pom read(Path file) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return new Pom(file, factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement());
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file this POM was read from. */
  Path file() {
    return file;
  }

  /**
   * The trimmed text of the first element at {@code path} below {@code <project>} (each step the
   * first child of that name), or {@code ""} when some step is missing.
   */
  String text(String... path) {
    Element at = project;
    for (String name : path) {
      at = firstChild(at, name);
      if (at == null) {
        return "";
      }
    }
    return at.getTextContent().trim();
  }

  private static Element firstChild(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
