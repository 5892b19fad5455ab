package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

/**
 * Reads a class into a {@link ClassNode}, noting non-standard attributes inside {@code Code}
 * attributes. Such an attribute may hold bytecode offsets that a rewrite
 * invalidates, and ASM's tree API keeps it among the method's own attributes, so writing the class
 * back would move it out of {@code Code} (an attribute named {@code Code} there makes a class the
 * JVM refuses: "Multiple Code attributes"). A class that has one is refused rather than rewritten.
 */
final class CodeAttributes extends ClassVisitor {
  /** The class as read. */
  final ClassNode node;
  /** {@code name+descriptor (attribute)} of each method with a non-standard Code attribute. */
  final List<String> found = new ArrayList<>();

  CodeAttributes(ClassNode node) {
    super(Opcodes.ASM9, node);
    this.node = node;
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
    return new MethodVisitor(Opcodes.ASM9, next) {
      private boolean inCode;

      @Override
      public void visitCode() {
        inCode = true; // ASM visits a method's own attributes before its code
        super.visitCode();
      }

      @Override
      public void visitAttribute(Attribute attribute) {
        if (inCode) {
          found.add(name + descriptor + " (" + attribute.type + ")");
        }
        super.visitAttribute(attribute);
      }
    };
  }
}
