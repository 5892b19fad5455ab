package dev.weft.agent;

import dev.weft.weaver.ClassHierarchy;
import dev.weft.weaver.Weaver;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One {@link Weaver} per class loader, over {@link ClassHierarchy#fromResources} of that loader, so
 * each loader's class headers are read once. Held weakly: the cache never keeps a loader (and its
 * classes) alive. The hierarchy reads through a {@link WeakView} of the loader, since a hierarchy
 * holding the loader itself would keep its own weak key reachable forever.
 */
final class Weavers {
  private final Map<ClassLoader, Weaver> byLoader = new WeakHashMap<>();

  /** The weaver for classes defined by {@code loader}, which is not the bootstrap loader. */
  synchronized Weaver forLoader(ClassLoader loader) {
    Weaver weaver = byLoader.get(loader);
    if (weaver == null) {
      weaver = new Weaver(ClassHierarchy.fromResources(new WeakView(loader)));
      byLoader.put(loader, weaver);
    }
    return weaver;
  }

  /** Reads resources through a loader it holds weakly; finds nothing once that loader is gone. */
  private static final class WeakView extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final WeakReference<ClassLoader> target;

    WeakView(ClassLoader target) {
      super(null);
      this.target = new WeakReference<>(target);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      ClassLoader loader = target.get();
      return loader == null ? null : loader.getResourceAsStream(name);
    }

    @Override
    public URL getResource(String name) {
      ClassLoader loader = target.get();
      return loader == null ? null : loader.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      ClassLoader loader = target.get();
      return loader == null ? Collections.emptyEnumeration() : loader.getResources(name);
    }
  }
}
