package dev.weft.fuzz;

import dev.weft.weaver.ByteLoader;
import dev.weft.weaver.ClassHierarchy;
import dev.weft.weaver.ClassHierarchy.ClassInfo;
import dev.weft.weaver.WeaveException;
import dev.weft.weaver.Weaver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The property of the class-file fuzz target: for any bytes, the weaver either returns {@code
 * null} (nothing to weave), throws {@link WeaveException} (the class stays as it was), or returns
 * a class file; it never hangs and never throws anything else. When the input itself passes the
 * JVM verifier (and ASM's {@code CheckClassAdapter}), the woven class must pass them too.
 *
 * <p>Classes are checked against a fixed context (the fuzz support classes and whatever the seed
 * programs need, e.g. their nested classes), so that a mutated seed still finds its neighbours. No
 * user code runs: classes are loaded and linked, never initialized.
 */
final class ClassFileCheck {
  /** The weaving function under test; {@link Weaver#weave} normally. */
  interface WeaveFunction {
    byte[] weave(byte[] classFile) throws WeaveException;
  }

  /** A violation of the property: a weaver bug (or a harness bug) to report. */
  static final class Finding extends AssertionError {
    private static final long serialVersionUID = 1L;

    Finding(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What happened to one input (for the harness's own tests and statistics). */
  enum Outcome {
    /** The weaver returned {@code null}: nothing to weave. */
    UNCHANGED,
    /** The weaver threw {@link WeaveException}. */
    REJECTED,
    /** Woven bytes for an input that does not verify itself: not compared. */
    WOVEN_UNCHECKED,
    /** Woven bytes that verify, for an input that verifies. */
    WOVEN_VERIFIED
  }

  private final Map<String, byte[]> context;
  private final WeaveFunction weave;
  private final long timeoutMillis;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "weft-fuzz-weave");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param context class files by internal name that every input may refer to
   * @param weave the weaving under test
   * @param timeoutMillis how long one weave may take before it counts as a hang
   */
  ClassFileCheck(Map<String, byte[]> context, WeaveFunction weave, long timeoutMillis) {
    this.context = Map.copyOf(context);
    this.weave = weave;
    this.timeoutMillis = timeoutMillis;
  }

  /** The real weaver, answering hierarchy questions from {@code context} and the class path. */
  static WeaveFunction weaver(Map<String, byte[]> context) {
    Map<String, ClassInfo> infos = new HashMap<>();
    context.forEach((name, bytes) -> infos.put(name, ClassInfo.read(bytes)));
    ClassHierarchy known = infos::get;
    Weaver weaver = new Weaver(known.orElse(ClassHierarchy.fromResources(ClassFileCheck.class.getClassLoader())));
    return weaver::weave;
  }

  /** Checks the property on {@code input}; throws {@link Finding} when it is violated. */
  Outcome check(byte[] input) {
    byte[] original = input.clone();
    byte[] out = weaveGuarded(input);
    if (out == null) {
      return Outcome.UNCHANGED;
    }
    if (out == REJECTED) {
      return Outcome.REJECTED;
    }
    String name = nameOf(original);
    if (name == null || !verifies(name, original)) {
      return Outcome.WOVEN_UNCHECKED;
    }
    String outName = nameOf(out);
    if (!name.equals(outName)) {
      throw new Finding("the woven class is named " + outName + ", the input " + name, null);
    }
    String jvm = jvmVerify(name, out);
    if (jvm != null) {
      throw new Finding("the input verifies, the woven class does not (JVM): " + jvm, null);
    }
    if (asmVerify(name, original) == null) {
      String asm = asmVerify(name, out);
      if (asm != null) {
        throw new Finding("the input verifies, the woven class does not (CheckClassAdapter):\n" + asm, null);
      }
    }
    return Outcome.WOVEN_VERIFIED;
  }

  private static final byte[] REJECTED = new byte[0];

  private byte[] weaveGuarded(byte[] input) {
    Future<byte[]> result = worker.submit(() -> {
      try {
        return weave.weave(input);
      } catch (WeaveException e) {
        return REJECTED;
      }
    });
    try {
      return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new Finding("the weaver did not return within " + timeoutMillis + " ms", null);
    } catch (ExecutionException e) {
      throw new Finding("the weaver threw " + e.getCause() + " (only WeaveException is allowed)", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code classFile} passes the JVM verifier (and is a well-formed class at all). */
  boolean verifies(String name, byte[] classFile) {
    return jvmVerify(name, classFile) == null;
  }

  /** {@code null} when the class loads and links in the context; otherwise the error. */
  String jvmVerify(String name, byte[] classFile) {
    Map<String, byte[]> classes = new TreeMap<>(context);
    classes.put(name, classFile);
    ByteLoader loader = new ByteLoader(classes);
    try {
      // getDeclaredMethods links the class (HotSpot), which runs the verifier; nothing initializes
      Class.forName(name.replace('/', '.'), false, loader).getDeclaredMethods();
      return null;
    } catch (LinkageError | ClassNotFoundException | SecurityException | IllegalArgumentException e) {
      return e.toString();
    }
  }

  /** {@code null} when ASM's {@code CheckClassAdapter} accepts the class; otherwise its report. */
  String asmVerify(String name, byte[] classFile) {
    Map<String, byte[]> classes = new TreeMap<>(context);
    classes.put(name, classFile);
    StringWriter sw = new StringWriter();
    try {
      CheckClassAdapter.verify(new ClassReader(classFile), new ByteLoader(classes), false, new PrintWriter(sw));
    } catch (RuntimeException | LinkageError e) {
      return "CheckClassAdapter threw " + e;
    }
    return sw.toString().isEmpty() ? null : sw.toString();
  }

  /** The internal name the class file declares, or {@code null} when it cannot be read. */
  static String nameOf(byte[] classFile) {
    try {
      return new ClassReader(classFile).getClassName();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * A broken "weaver" for the harness's own tests: the first {@code @Async} method's body becomes
   * {@code iconst_0; areturn}, which no verifier accepts for a method returning a reference.
   */
  static byte[] breakFirstAsyncMethod(byte[] classFile) {
    ClassWriter writer = new ClassWriter(0);
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      private boolean done;

      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
        if (done || !desc.endsWith(")Ldev/weft/Task;")) {
          return mv;
        }
        done = true;
        mv.visitCode();
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(1, 16);
        mv.visitEnd();
        return null;
      }
    }, 0);
    return writer.toByteArray();
  }
}
