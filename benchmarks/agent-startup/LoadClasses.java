import java.io.File;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads (without initializing) every class of the jars on its class path whose paths are given as
 * arguments, then prints how many loaded. Used to measure the agent's start-up cost; see
 * startup.sh and the README.
 */
public final class LoadClasses {
  public static void main(String[] jars) throws Exception {
    ClassLoader loader = LoadClasses.class.getClassLoader();
    int loaded = 0;
    int failed = 0;
    for (String path : jars) {
      try (JarFile jar = new JarFile(new File(path))) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          String name = e.nextElement().getName();
          if (!name.endsWith(".class") || name.contains("-info") || name.startsWith("META-INF/")) {
            continue;
          }
          try {
            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
            loaded++;
          } catch (Throwable t) {
            failed++;
          }
        }
      }
    }
    System.out.println(loaded + " classes loaded, " + failed + " failed");
  }
}
