package dev.weft.weaver;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Computes stack map frames and maximums for one rewritten method, answering class-hierarchy
 * questions from a {@link ClassHierarchy} (never by loading classes). Only the rewritten methods go
 * through it; every other method of the class keeps the frames javac wrote.
 */
final class FrameComputer {
  private FrameComputer() {}

  static MethodNode compute(ClassNode owner, MethodNode method, ClassHierarchy hierarchy) {
    ClassWriter writer = new HierarchyClassWriter(hierarchy);
    writer.visit(owner.version, owner.access, owner.name, null, owner.superName, owner.interfaces.toArray(new String[0]));
    method.accept(writer);
    writer.visitEnd();
    ClassNode computed = new ClassNode();
    new ClassReader(writer.toByteArray()).accept(computed, 0);
    return computed.methods.get(0);
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
