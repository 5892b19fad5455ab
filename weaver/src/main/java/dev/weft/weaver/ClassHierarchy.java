package dev.weft.weaver;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;

/**
 * Answers questions about classes the weaver must reason about (to compute stack map frames and to
 * type the values it saves) without ever loading them: loading user classes from inside a
 * transformer deadlocks or links the wrong class. The processor answers from javac's symbols, the
 * agent and the Maven plugin from class-file bytes.
 */
@FunctionalInterface
public interface ClassHierarchy {

  /**
   * Returns what is known of a class, or {@code null} when it cannot be found.
   *
   * @param internalName a name in internal form, such as {@code java/util/ArrayList}
   */
  ClassInfo find(String internalName);

  /** The header of one class: its name, its superclass, its interfaces and whether it is one. */
  record ClassInfo(String name, String superName, List<String> interfaces, boolean isInterface) {
    /** Reads the header of a class file. */
    public static ClassInfo read(byte[] classFile) {
      ClassReader reader = new ClassReader(classFile);
      return new ClassInfo(
          reader.getClassName(),
          reader.getSuperName(),
          List.of(reader.getInterfaces()),
          (reader.getAccess() & org.objectweb.asm.Opcodes.ACC_INTERFACE) != 0);
    }
  }

  /**
   * A hierarchy that reads class files as resources of {@code loader} (never loading a class),
   * caching each answer.
   */
  static ClassHierarchy fromResources(ClassLoader loader) {
    Map<String, ClassInfo> cache = new ConcurrentHashMap<>();
    ClassLoader effective = loader != null ? loader : ClassLoader.getPlatformClassLoader();
    return name ->
        cache.computeIfAbsent(
            name,
            n -> {
              try (InputStream in = effective.getResourceAsStream(n + ".class")) {
                if (in == null) {
                  return null;
                }
                return ClassInfo.read(in.readAllBytes());
              } catch (IOException | RuntimeException e) {
                return null;
              }
            });
  }

  /** Asks this hierarchy first and {@code other} when this one does not know the class. */
  default ClassHierarchy orElse(ClassHierarchy other) {
    return name -> {
      ClassInfo info = find(name);
      return info != null ? info : other.find(name);
    };
  }
}
