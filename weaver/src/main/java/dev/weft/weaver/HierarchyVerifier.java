package dev.weft.weaver;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * ASM's {@link SimpleVerifier} (exact reference types for every local and stack value) with every
 * class-hierarchy question answered by a {@link ClassHierarchy} instead of {@code Class.forName}:
 * the weaver never loads the classes it reasons about.
 */
class HierarchyVerifier extends SimpleVerifier {
  private static final Type OBJECT = Type.getObjectType("java/lang/Object");

  private final ClassHierarchy hierarchy;

  HierarchyVerifier(ClassHierarchy hierarchy) {
    super(Opcodes.ASM9, null, null, null, false);
    this.hierarchy = hierarchy;
  }

  private ClassHierarchy.ClassInfo info(Type type) {
    ClassHierarchy.ClassInfo info = hierarchy.find(type.getInternalName());
    if (info == null) {
      throw new TypeNotFoundException(type.getInternalName());
    }
    return info;
  }

  @Override
  protected boolean isInterface(Type type) {
    return type.getSort() == Type.OBJECT && info(type).isInterface();
  }

  @Override
  protected Type getSuperClass(Type type) {
    if (type.getSort() == Type.ARRAY) {
      return OBJECT;
    }
    String superName = info(type).superName();
    return superName == null ? null : Type.getObjectType(superName);
  }

  @Override
  protected boolean isAssignableFrom(Type target, Type source) {
    if (target.equals(source) || target.equals(OBJECT)) {
      return true;
    }
    if (source.getSort() == Type.ARRAY) {
      if (target.getSort() != Type.ARRAY) {
        String name = target.getInternalName();
        return name.equals("java/lang/Cloneable") || name.equals("java/io/Serializable");
      }
      Type targetElement = Type.getType(target.getDescriptor().substring(1));
      Type sourceElement = Type.getType(source.getDescriptor().substring(1));
      boolean references = targetElement.getSort() >= Type.ARRAY && sourceElement.getSort() >= Type.ARRAY;
      return references ? isAssignableFrom(targetElement, sourceElement) : targetElement.equals(sourceElement);
    }
    if (target.getSort() == Type.ARRAY || source.getSort() != Type.OBJECT) {
      return false;
    }
    return isSubclassOrImplementor(source.getInternalName(), target.getInternalName());
  }

  private boolean isSubclassOrImplementor(String from, String target) {
    Deque<String> pending = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    pending.add(from);
    while (!pending.isEmpty()) {
      String name = pending.poll();
      if (name.equals(target)) {
        return true;
      }
      if (!seen.add(name)) {
        continue;
      }
      ClassHierarchy.ClassInfo info = info(Type.getObjectType(name));
      if (info.superName() != null) {
        pending.add(info.superName());
      }
      pending.addAll(info.interfaces());
    }
    return false;
  }

  @Override
  protected boolean isSubTypeOf(BasicValue value, BasicValue expected) {
    Type expectedType = expected.getType();
    Type type = value.getType();
    if ((expectedType.getSort() == Type.OBJECT || expectedType.getSort() == Type.ARRAY)
        && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)
        && !type.equals(NULL_TYPE)) {
      // Merges of class types never yield interfaces, so any reference may stand for one.
      return isAssignableFrom(expectedType, type) || isInterface(expectedType);
    }
    return super.isSubTypeOf(value, expected);
  }

  @Override
  protected Class<?> getClass(Type type) {
    throw new IllegalStateException("the weaver never loads classes: " + type);
  }

  /** A class needed to type a method is not known to the hierarchy. */
  static final class TypeNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TypeNotFoundException(String internalName) {
      super("cannot find class " + internalName.replace('/', '.') + " on the classpath");
    }
  }
}
