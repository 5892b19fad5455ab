package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The woven-code ABI seen from both sides: every runtime member that woven class files name (in
 * a corpus that reaches every entry point of {@link Names}) resolves, public, against the runtime
 * on the class path, from an unrelated class; and the frame classes the weaver may pick are the
 * ones the runtime declares.
 */
class RuntimeAbiTest {
  /** Reaches every kind of frame, every return type and both await overloads. */
  private static final String CORPUS =
      """
      public class P {
        @Async static Task<Integer> none(Task<Integer> a) { return Task.completed(await(a)); }
        @Async static Task<String> fields(Task<Integer> a, String s, long l) {
          int x = await(a);
          return Task.completed(s + l + x);
        }
        @Async static Task<String> arrays(Task<Integer> a, String s1, String s2, String s3,
            String s4, String s5, long l1, long l2, double d) {
          int x = await(a);
          return Task.completed(s1 + s2 + s3 + s4 + s5 + l1 + l2 + d + x);
        }
        @Async static CompletableFuture<Integer> future(CompletionStage<Integer> a) {
          return CompletableFuture.completedFuture(await(a) + 1);
        }
        @Async static CompletionStage<Integer> stage(Promise<Integer> a) throws Exception {
          try {
            return Task.completed(Promise.await(a, java.io.IOException.class));
          } catch (java.io.IOException e) {
            return Task.completed(-1);
          }
        }
        public static Object run() { return 0; }
      }
      """;

  private static final Set<String> ENTRY_POINTS = Set.of(Names.IS_DONE, Names.GET_NOW,
      Names.NEW_FRAME, Names.NEW_FIELD_FRAME, Names.LABEL, Names.SUSPEND, Names.ENTRY_RESULT,
      Names.RESUME_VALUE, Names.COMPLETE, Names.FAIL, Names.TO_COMPLETABLE_FUTURE,
      Names.RESUMER_BOOTSTRAP.getName(), Names.REFS, Names.PRIMS);

  @Test
  void everyRuntimeMemberWovenCodeNamesResolvesPublicly() throws Exception {
    WovenClasses classes = new WovenClasses(Map.of("t.P", WovenClasses.PROGRAM_HEADER + CORPUS));
    Set<String> resolved = new TreeSet<>();
    for (byte[] bytes : classes.woven.values()) {
      ClassNode node = new ClassNode();
      new ClassReader(bytes).accept(node, 0);
      for (MethodNode method : node.methods) {
        for (AbstractInsnNode insn : method.instructions) {
          if (insn instanceof MethodInsnNode call && isRuntime(call.owner)) {
            resolveMethod(call.owner, call.name, call.desc, call.getOpcode() == Opcodes.INVOKESTATIC);
            resolved.add(call.name);
          } else if (insn instanceof FieldInsnNode field && isRuntime(field.owner)) {
            Class<?> owner = runtimeClass(field.owner);
            MethodHandles.publicLookup().findGetter(owner, field.name, type(field.desc));
            resolved.add(field.name.matches("[rp][0-9]+") ? "frame field" : field.name);
          } else if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof ConstantDynamic condy) {
            Handle bsm = condy.getBootstrapMethod();
            if (isRuntime(bsm.getOwner())) {
              resolveMethod(bsm.getOwner(), bsm.getName(), bsm.getDesc(), true);
              resolved.add(bsm.getName());
            }
          }
        }
      }
    }
    assertTrue(resolved.containsAll(ENTRY_POINTS), () -> "the corpus misses " + difference(ENTRY_POINTS, resolved));
  }

  @Test
  void theFrameClassesTheWeaverMayPickAreTheRuntimes() throws Exception {
    assertTrue(Names.COROUTINE.startsWith(Names.ABI_PACKAGE));
    assertEquals(dev.weft.internal.Frames.MAX_REFS, Names.FIELD_FRAME_MAX_REFS);
    assertEquals(dev.weft.internal.Frames.MAX_PRIMS, Names.FIELD_FRAME_MAX_PRIMS);
    Class<?> coroutine = runtimeClass(Names.COROUTINE);
    assertEquals(coroutine, runtimeClass(Names.ARRAY_FRAME).getSuperclass());
    for (int refs = 0; refs <= Names.FIELD_FRAME_MAX_REFS; refs++) {
      for (int prims = 0; prims <= Names.FIELD_FRAME_MAX_PRIMS; prims++) {
        if (refs + prims == 0) {
          continue; // a frame that saves nothing is the plain coroutine
        }
        Class<?> frame = runtimeClass(Names.FIELD_FRAME_PREFIX + "R" + refs + "P" + prims);
        assertTrue(Modifier.isPublic(frame.getModifiers()), frame::getName);
        assertEquals(coroutine, frame.getSuperclass(), frame::getName);
        int fields = 0;
        for (Field f : frame.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers())) {
            fields++;
            assertTrue(Modifier.isPublic(f.getModifiers()), f::toString);
          }
        }
        assertEquals(refs + prims, fields, frame::getName);
        for (int i = 0; i < refs; i++) {
          assertEquals(Object.class, frame.getField("r" + i).getType());
        }
        for (int i = 0; i < prims; i++) {
          assertEquals(long.class, frame.getField("p" + i).getType());
        }
      }
    }
  }

  private static boolean isRuntime(String owner) {
    return owner.startsWith(Names.RUNTIME_PACKAGE) && !owner.startsWith("dev/weft/annotations/");
  }

  private static void resolveMethod(String owner, String name, String desc, boolean isStatic) throws Exception {
    Class<?> c = runtimeClass(owner);
    MethodType type = MethodType.fromMethodDescriptorString(desc, RuntimeAbiTest.class.getClassLoader());
    if (isStatic) {
      MethodHandles.publicLookup().findStatic(c, name, type);
    } else {
      MethodHandles.publicLookup().findVirtual(c, name, type);
    }
  }

  private static Class<?> runtimeClass(String internalName) throws ClassNotFoundException {
    return Class.forName(Type.getObjectType(internalName).getClassName(), false,
        RuntimeAbiTest.class.getClassLoader());
  }

  private static Class<?> type(String desc) throws ClassNotFoundException {
    Type t = Type.getType(desc);
    return switch (t.getSort()) {
      case Type.LONG -> long.class;
      case Type.INT -> int.class;
      case Type.ARRAY -> Class.forName(t.getDescriptor().replace('/', '.'), false, RuntimeAbiTest.class.getClassLoader());
      default -> runtimeClassOrJdk(t.getClassName());
    };
  }

  private static Class<?> runtimeClassOrJdk(String name) throws ClassNotFoundException {
    return Class.forName(name, false, RuntimeAbiTest.class.getClassLoader());
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }
}
