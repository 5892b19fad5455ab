package dev.weft.weaver;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass 10, stack map frames: computes the frames and maximums for one rewritten method, answering class-hierarchy
 * questions from a {@link ClassHierarchy} (never by loading classes). Only the rewritten methods go
 * through it; every other method of the class keeps the frames javac wrote.
 *
 * <p>The result is not read back into a tree: it is kept as ASM wrote it and replayed from those
 * bytes into the class writer, which sees the same visits a tree read from them would make.
 */
final class FrameComputer {
  private FrameComputer() {}

  /**
   * Returns {@code method} with frames and maximums computed, as a node that can only be {@linkplain
   * MethodNode#accept(ClassVisitor) written to a class visitor}: its instruction list is empty.
   */
  static MethodNode compute(ClassNode owner, MethodNode method, ClassHierarchy hierarchy) {
    ClassWriter writer = new HierarchyClassWriter(hierarchy);
    writer.visit(owner.version, owner.access, owner.name, null, owner.superName, owner.interfaces.toArray(new String[0]));
    method.accept(writer);
    writer.visitEnd();
    return new Computed(method, writer.toByteArray());
  }

  /** A method held as the one method of a class file; both {@code accept} methods replay it. */
  private static final class Computed extends MethodNode {
    private final byte[] classFile;

    Computed(MethodNode method, byte[] classFile) {
      super(Opcodes.ASM9, method.access, method.name, method.desc, method.signature,
          method.exceptions.toArray(new String[0]));
      this.classFile = classFile;
    }

    @Override
    public void accept(ClassVisitor visitor) {
      new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public MethodVisitor visitMethod(
            int access, String name, String descriptor, String signature, String[] exceptions) {
          return visitor.visitMethod(access, name, descriptor, signature, exceptions);
        }
      }, 0);
    }

    @Override
    public void accept(MethodVisitor visitor) {
      new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public MethodVisitor visitMethod(
            int access, String name, String descriptor, String signature, String[] exceptions) {
          return visitor;
        }
      }, 0);
    }
  }

  /** A class writer whose common-superclass question goes to the hierarchy. */
  private static final class HierarchyClassWriter extends ClassWriter {
    private final ClassHierarchy hierarchy;

    HierarchyClassWriter(ClassHierarchy hierarchy) {
      super(COMPUTE_FRAMES);
      this.hierarchy = hierarchy;
    }

    @Override
    protected String getCommonSuperClass(String first, String second) {
      ClassHierarchy.ClassInfo a = require(first);
      ClassHierarchy.ClassInfo b = require(second);
      if (a.isInterface() || b.isInterface()) {
        return "java/lang/Object";
      }
      for (String candidate = first; candidate != null; candidate = require(candidate).superName()) {
        if (isSuperclass(candidate, second)) {
          return candidate;
        }
      }
      return "java/lang/Object";
    }

    private boolean isSuperclass(String candidate, String of) {
      for (String at = of; at != null; at = require(at).superName()) {
        if (at.equals(candidate)) {
          return true;
        }
      }
      return false;
    }

    private ClassHierarchy.ClassInfo require(String name) {
      ClassHierarchy.ClassInfo info = hierarchy.find(name);
      if (info == null) {
        throw new HierarchyVerifier.TypeNotFoundException(name);
      }
      return info;
    }
  }
}
