package dev.weft.weaver;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * Weaves class files: bytes in, bytes out. Every {@code @Async} method of a class is rewritten
 * into a resumable state machine (see {@code weaver/STATE_MACHINE.md}) by a pipeline of small
 * passes, run in this order ({@link #weaveMethod}), each stating its rule in its own header as
 * "Pass N":
 *
 * <ol>
 *   <li>{@link Validator}: refuse what cannot be woven, before changing anything;
 *   <li>{@link ConstructorRelocator}: delay constructions whose uninitialized object is held
 *       across an await;
 *   <li>{@link StateMachineSignature}: move the body into the state-machine method;
 *   <li>{@link SuspensionAnalysis}: type the locals and stack at each await;
 *   <li>{@link CompletionRewriter}: route returns through the frame;
 *   <li>{@link SuspensionWriter}: fast path, spill, suspend, restore at each await; the spill and
 *       suspend are a call to a helper the class's await sites share ({@link SharedHelpers}),
 *       added to the class once every method is woven;
 *   <li>{@link ResumeDispatch}: jump to the right resume block; split try ranges around it;
 *   <li>{@link CatchAll}: anything the body throws fails the task;
 *   <li>{@link EntryPoints}: the stub with the original signature, the resume bridge and the
 *       resumer factory;
 *   <li>{@link FrameComputer}: stack map frames for the rewritten method;
 *   <li>{@link WovenCodeVerifier}: type-check every method written; one that does not check is a
 *       {@link WeaveException}, never a class that fails verification when loaded.
 * </ol>
 *
 * <p>Thread-safe; one instance may weave many classes at once. Output is deterministic: the same
 * input bytes and hierarchy give the same output bytes.
 */
public final class Weaver {
  /**
   * Version of the woven format, recorded in {@code @Woven(format = ...)}. Format 4 hands the
   * runtime each method's debug metadata (its source file and the line of each await, see {@link
   * DebugMetadata}); format 3 called the same woven-code ABI in {@code dev.weft.internal} without
   * it, and a class woven in it is left as it is ({@link #weave}), since this runtime still runs
   * it; format 2 called the ABI in {@code dev.weft}, and a class woven in it or in any other
   * format is refused.
   */
  public static final int FORMAT = 4;

  /** The oldest woven format a class may carry and still be left as woven: this runtime runs it. */
  public static final int OLDEST_RUNNABLE_FORMAT = 3;

  private final ClassHierarchy hierarchy;

  /** A weaver that answers class-hierarchy questions through {@code hierarchy}. */
  public Weaver(ClassHierarchy hierarchy) {
    this.hierarchy = hierarchy;
  }

  /**
   * Weaves one class.
   *
   * @return the woven class file, or {@code null} when the class needs no weaving: it has no
   *     {@code @Async} method and calls no {@code await}, or it is already woven
   * @throws WeaveException when the class cannot be woven; it is then to be used as it was
   */
  public byte[] weave(byte[] classFile) throws WeaveException {
    CodeAttributes codeAttributes = new CodeAttributes(new ClassNode());
    read(classFile, codeAttributes);
    ClassNode owner = codeAttributes.node;
    try {
      return weave(owner, classFile, codeAttributes.found);
    } catch (RuntimeException | AssertionError e) {
      // a class file ASM can read but whose contents are malformed (a bad descriptor, a dangling
      // constant; ASM's own assertions when run with -ea): the class is left as it was, like one
      // that cannot be read at all
      throw new WeaveException(
          new WeaveProblem(owner.name != null ? owner.name : "?", "?", owner.sourceFile, -1,
              "malformed class file: " + e), e);
    }
  }

  private byte[] weave(ClassNode owner, byte[] classFile, List<String> codeAttributes)
      throws WeaveException {
    Integer format = wovenFormat(owner);
    if (format != null) {
      if (format < OLDEST_RUNNABLE_FORMAT || format > FORMAT) {
        throw new WeaveException(List.of(new WeaveProblem(owner.name, "?", owner.sourceFile, -1,
            "woven in Weft's woven format " + format + " by another version; this version writes"
                + " format " + FORMAT + " and runs formats " + OLDEST_RUNNABLE_FORMAT + " to " + FORMAT
                + ": compile the class again (or weave its unwoven class file) with this version")));
      }
      return null; // woven already, in a format this version runs
    }
    List<AsyncMethod> asyncMethods = new ArrayList<>();
    List<WeaveProblem> problems = new ArrayList<>();
    java.util.Set<String> asyncNames = new java.util.HashSet<>();
    for (MethodNode method : owner.methods) {
      if (isAsync(method)) {
        asyncNames.add(method.name);
      }
    }
    for (MethodNode method : owner.methods) {
      if (isAsync(method)) {
        AsyncMethod async = new AsyncMethod(owner, method, asyncMethods.size());
        asyncMethods.add(async);
        problems.addAll(Validator.checkAsync(async));
      } else {
        problems.addAll(Validator.checkPlain(owner, method, asyncNames));
      }
    }
    if (!problems.isEmpty()) {
      throw new WeaveException(problems);
    }
    if (asyncMethods.isEmpty()) {
      return null;
    }
    GeneratedNames.assign(owner, asyncMethods);
    if (!codeAttributes.isEmpty()) {
      throw new WeaveException(List.of(new WeaveProblem(owner.name, "?", owner.sourceFile, -1,
          "non-standard attribute inside the Code of " + String.join(", ", codeAttributes)
              + " cannot be kept when the class is rewritten")));
    }
    ClassHierarchy.ClassInfo self = ClassHierarchy.ClassInfo.read(classFile);
    ClassHierarchy withSelf =
        ((ClassHierarchy) name -> name.equals(self.name()) ? self : null).orElse(hierarchy);
    List<MethodNode> added = new ArrayList<>();
    Map<String, String> wovenFrom = new HashMap<>(); // name + descriptor -> the @Async method
    SharedHelpers helpers = new SharedHelpers(owner);
    for (AsyncMethod method : asyncMethods) {
      try {
        List<MethodNode> made = weaveMethod(method, withSelf, helpers);
        added.addAll(made);
        wovenFrom.put(method.original.name + method.original.desc, method.original.name);
        made.forEach(m -> wovenFrom.put(m.name + m.desc, method.original.name));
      } catch (InternalFailure failure) {
        ClassNode original = new ClassNode();
        read(classFile, original);
        String listing = listing(original, method.original.name, method.original.desc);
        throw new WeaveException(
            failure.problem,
            new IllegalStateException("Couldn't transform method node:\n" + listing, failure.getCause()));
      }
    }
    for (int i = 0; i < helpers.methods().size(); i++) {
      MethodNode helper = helpers.methods().get(i);
      added.add(FrameComputer.compute(owner, helper, withSelf));
      wovenFrom.put(helper.name + helper.desc, helpers.madeFor(i));
    }
    owner.methods.addAll(added);
    mark(owner);
    ClassWriter writer = new ClassWriter(0);
    owner.accept(writer);
    byte[] woven = writer.toByteArray();
    WovenCodeVerifier.check(woven, wovenFrom, withSelf);
    return woven;
  }

  /** Runs the pipeline on one method; returns the methods to add to the class. */
  private static List<MethodNode> weaveMethod(
      AsyncMethod method, ClassHierarchy hierarchy, SharedHelpers helpers)
      throws WeaveException, InternalFailure {
    int line = Insns.firstLine(method.original);
    try {
      List<WeaveProblem> problems = new ArrayList<>();
      ConstructorRelocator.apply(method, problems);
      if (!problems.isEmpty()) {
        throw new WeaveException(problems);
      }
      StateMachineSignature.apply(method);
      List<SuspensionPoint> points = SuspensionAnalysis.analyze(method, hierarchy);
      DebugMetadata.recordLines(method, points);
      CompletionRewriter.apply(method);
      SuspensionWriter.Rewritten rewritten = SuspensionWriter.apply(method, points, helpers);
      ResumeDispatch.apply(method, rewritten, helpers);
      CatchAll.apply(method);
      EntryPoints.writeStub(method, method.machine.localVariables, line);
      MethodNode machine = FrameComputer.compute(method.owner, method.machine, hierarchy);
      return List.of(machine, EntryPoints.bridge(method), EntryPoints.resumerFactory(method));
    } catch (AnalyzerException e) {
      throw new InternalFailure(method.problem(e.node, "cannot analyze the method: " + e.getMessage()), e);
    } catch (HierarchyVerifier.TypeNotFoundException e) {
      throw new WeaveException(method.problem(null, e.getMessage()), e);
    } catch (MethodTooLargeException e) {
      throw new WeaveException(List.of(new WeaveProblem(method.owner.name, method.original.name,
          method.owner.sourceFile, line, "too large once woven: " + method.original.name
              + method.original.desc + " would have " + e.getCodeSize()
              + " bytes of code, over the JVM's limit of 65535; split the method into smaller ones")));
    } catch (RuntimeException e) {
      throw new InternalFailure(method.problem(null, "internal weaver error: " + e), e);
    }
  }

  /** An unexpected failure in a pass; reported with a listing of the method as it was read. */
  private static final class InternalFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final transient WeaveProblem problem;

    InternalFailure(WeaveProblem problem, Throwable cause) {
      super(problem.toString(), cause);
      this.problem = problem;
    }
  }

  private static void read(byte[] classFile, ClassVisitor into) throws WeaveException {
    try {
      new ClassReader(classFile).accept(into, 0);
    } catch (RuntimeException e) {
      throw new WeaveException(new WeaveProblem("?", "?", null, -1, "unreadable class file: " + e), e);
    }
  }

  /**
   * Whether {@code method} is to be woven. javac copies {@code @Async} onto the bridges it makes
   * for generic and covariant overrides; a bridge only forwards to the method itself and is never
   * a state machine.
   */
  private static boolean isAsync(MethodNode method) {
    if ((method.access & Opcodes.ACC_BRIDGE) != 0) {
      return false;
    }
    return hasAnnotation(method.invisibleAnnotations, Names.ASYNC_DESC)
        || hasAnnotation(method.visibleAnnotations, Names.ASYNC_DESC);
  }

  /** The format of {@code @Woven(format = ...)} on the class, or null when it is not woven. */
  private static Integer wovenFormat(ClassNode owner) {
    if (owner.invisibleAnnotations != null) {
      for (AnnotationNode annotation : owner.invisibleAnnotations) {
        if (annotation.desc.equals(Names.WOVEN_DESC)) {
          List<Object> values = annotation.values;
          for (int i = 0; values != null && i + 1 < values.size(); i += 2) {
            if ("format".equals(values.get(i)) && values.get(i + 1) instanceof Integer) {
              return (Integer) values.get(i + 1);
            }
          }
          return 0; // marked, with no readable format: not this version's
        }
      }
    }
    return null;
  }

  private static boolean hasAnnotation(List<AnnotationNode> annotations, String desc) {
    if (annotations != null) {
      for (AnnotationNode annotation : annotations) {
        if (annotation.desc.equals(desc)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void mark(ClassNode owner) {
    AnnotationNode woven = new AnnotationNode(Names.WOVEN_DESC);
    woven.visit("format", FORMAT);
    if (owner.invisibleAnnotations == null) {
      owner.invisibleAnnotations = new ArrayList<>();
    }
    owner.invisibleAnnotations.add(woven);
  }

  private static String listing(ClassNode owner, String name, String desc) {
    try {
      return listingOrThrow(owner, name, desc);
    } catch (RuntimeException e) {
      return name + desc + "\n(no listing: " + e + ")";
    }
  }

  private static String listingOrThrow(ClassNode owner, String name, String desc) {
    MethodNode method =
        owner.methods.stream().filter(m -> m.name.equals(name) && m.desc.equals(desc)).findFirst().orElseThrow();
    Textifier text = new Textifier();
    method.accept(new TraceMethodVisitor(text));
    StringWriter out = new StringWriter();
    text.print(new PrintWriter(out));
    return method.name + method.desc + "\n" + out;
  }
}
