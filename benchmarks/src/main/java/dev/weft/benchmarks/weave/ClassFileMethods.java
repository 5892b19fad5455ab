package dev.weft.benchmarks.weave;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the methods of one class file (JVMS §4): name, descriptor, bytecode length ({@code
 * code_length} of the {@code Code} attribute, 0 for abstract and native methods) and whether the
 * method carries {@code @Async}. Only what the {@code weave} benchmark's size ratios need; called
 * from one thread.
 */
final class ClassFileMethods {
  /** The descriptor of {@code dev.weft.annotations.Async}. */
  static final String ASYNC_DESC = "Ldev/weft/annotations/Async;";

  /**
   * One method.
   *
   * @param name the method name
   * @param descriptor the method descriptor
   * @param codeLength bytes of bytecode, 0 without a {@code Code} attribute
   * @param async whether the method is annotated {@code @Async} (visible or invisible)
   */
  record Method(String name, String descriptor, int codeLength, boolean async) {}

  private ClassFileMethods() {}

  /**
   * Parses a class file.
   *
   * @param classFile the bytes of a class file
   * @return its methods in class-file order
   * @throws IOException if the bytes are not a well-formed class file
   */
  static List<Method> read(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file (bad magic)");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> {
          in.skipNBytes(8);
          i++;
        }
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
        case 15 -> in.skipNBytes(3);
        default -> throw new IOException("unknown constant pool tag " + tag + " at index " + i);
      }
    }
    in.skipNBytes(6); // access, this, super
    in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
    int fields = in.readUnsignedShort();
    for (int f = 0; f < fields; f++) {
      in.skipNBytes(6);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        in.skipNBytes(2);
        in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
      }
    }
    int methods = in.readUnsignedShort();
    List<Method> out = new ArrayList<>(methods);
    for (int m = 0; m < methods; m++) {
      in.skipNBytes(2);
      String name = utf8[in.readUnsignedShort()];
      String descriptor = utf8[in.readUnsignedShort()];
      int codeLength = 0;
      boolean async = false;
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = utf8[in.readUnsignedShort()];
        byte[] body = in.readNBytes(in.readInt());
        if ("Code".equals(attribute)) {
          codeLength = new DataInputStream(new ByteArrayInputStream(body, 4, body.length - 4)).readInt();
        } else if ("RuntimeInvisibleAnnotations".equals(attribute) || "RuntimeVisibleAnnotations".equals(attribute)) {
          async |= annotates(new DataInputStream(new ByteArrayInputStream(body)), utf8);
        }
      }
      out.add(new Method(name, descriptor, codeLength, async));
    }
    return out;
  }

  private static boolean annotates(DataInputStream in, String[] utf8) throws IOException {
    boolean found = false;
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      found |= ASYNC_DESC.equals(annotation(in, utf8));
    }
    return found;
  }

  /** Reads one annotation structure; returns its type descriptor. */
  private static String annotation(DataInputStream in, String[] utf8) throws IOException {
    String type = utf8[in.readUnsignedShort()];
    int pairs = in.readUnsignedShort();
    for (int p = 0; p < pairs; p++) {
      in.skipNBytes(2);
      elementValue(in, utf8);
    }
    return type;
  }

  private static void elementValue(DataInputStream in, String[] utf8) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's', 'c' -> in.skipNBytes(2);
      case 'e' -> in.skipNBytes(4);
      case '@' -> annotation(in, utf8);
      case '[' -> {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
          elementValue(in, utf8);
        }
      }
      default -> throw new IOException("unknown element_value tag " + (char) tag);
    }
  }
}
