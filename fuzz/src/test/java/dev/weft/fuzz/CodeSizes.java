package dev.weft.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/**
 * The length of each method's code, read from a class file's {@code Code} attributes (JVMS 4.7.3),
 * keyed by name and descriptor ({@code m1(IJ)Ldev/weft/Task;}). ASM does not expose it.
 */
final class CodeSizes {
  private CodeSizes() {}

  static Map<String, Integer> of(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    char[] buffer = new char[reader.getMaxStringLength()];
    int offset = reader.header + 6; // access_flags, this_class, super_class
    offset += 2 + 2 * reader.readUnsignedShort(offset); // interfaces
    int fields = reader.readUnsignedShort(offset);
    offset += 2;
    for (int i = 0; i < fields; i++) {
      offset = skipAttributes(reader, offset + 6);
    }
    Map<String, Integer> sizes = new LinkedHashMap<>();
    int methods = reader.readUnsignedShort(offset);
    offset += 2;
    for (int i = 0; i < methods; i++) {
      String key = reader.readUTF8(offset + 2, buffer) + reader.readUTF8(offset + 4, buffer);
      int attributes = reader.readUnsignedShort(offset + 6);
      offset += 8;
      for (int a = 0; a < attributes; a++) {
        if ("Code".equals(reader.readUTF8(offset, buffer))) {
          sizes.put(key, reader.readInt(offset + 10)); // name, length, max_stack, max_locals
        }
        offset += 6 + reader.readInt(offset + 2);
      }
    }
    return sizes;
  }

  private static int skipAttributes(ClassReader reader, int offset) {
    int count = reader.readUnsignedShort(offset);
    offset += 2;
    for (int i = 0; i < count; i++) {
      offset += 6 + reader.readInt(offset + 2);
    }
    return offset;
  }
}
