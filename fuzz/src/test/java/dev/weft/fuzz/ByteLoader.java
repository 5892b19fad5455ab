package dev.weft.fuzz;

import java.util.HashMap;
import java.util.Map;

/**
 * Defines a program's classes from bytes, child-first, as a child of the test class loader (which
 * sees the runtime). Classes defined by a non-boot loader go through the JVM's verifier.
 */
final class ByteLoader extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>(); // binary name -> class file

  ByteLoader(Map<String, byte[]> classesByInternalName) {
    super(ByteLoader.class.getClassLoader());
    classesByInternalName.forEach((name, bytes) -> classes.put(name.replace('/', '.'), bytes));
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      if (classes.containsKey(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
      return super.loadClass(name, resolve);
    }
  }
}
