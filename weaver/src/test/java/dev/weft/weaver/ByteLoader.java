package dev.weft.weaver;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * Defines a program's classes from bytes, child-first, as a child of the test class loader (which sees the
 * runtime). HotSpot verifies the bytecode of every class defined by a loader other than the boot
 * loader ({@code -Xverify:remote}, the default; {@code BytecodeVerificationRemote} is on), so
 * loading through this loader puts each woven class through the JVM verifier, with stack map
 * frames checked by the type checker of class files version 50 and later.
 *
 * <p>It also serves each class file as a resource ({@code prog/Foo.class}), as a class path entry
 * would: the agent's transformer reads the hierarchy of a class being loaded from the resources of
 * its defining loader.
 */
public final class ByteLoader extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>(); // binary name (a.b.C$D) -> class file

  /** A loader of {@code classesByInternalName} ({@code a/b/C} → class file), child-first. */
  public ByteLoader(Map<String, byte[]> classesByInternalName) {
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

  /** {@code prog/Foo.class} → the bytes this loader defines {@code prog.Foo} from, as a class path serves them. */
  @Override
  protected URL findResource(String name) {
    if (!name.endsWith(".class")) {
      return null;
    }
    byte[] bytes = classes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
    if (bytes == null) {
      return null;
    }
    try {
      return new URL(null, "weft-bytes:/" + name, new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) {
          return new URLConnection(url) {
            @Override
            public void connect() {}

            @Override
            public InputStream getInputStream() {
              return new ByteArrayInputStream(bytes);
            }
          };
        }
      });
    } catch (MalformedURLException e) {
      throw new AssertionError(e);
    }
  }

  /** Program classes first: a name the program defines is never taken from the parent. */
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
