package dev.weft.processor;

import dev.weft.weaver.ClassHierarchy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * A {@link ClassHierarchy} answered from javac's symbols ({@link Elements}, {@link Types}): the
 * classes being compiled and everything on the class path, without loading a class.
 *
 * <p>Local and anonymous classes cannot be found by name through {@code Elements}; the weaving
 * listener {@linkplain #register registers} them as javac attributes them.
 */
final class ElementsHierarchy implements ClassHierarchy {
  /** Past this many '$' in a name, only the two obvious readings are tried. */
  private static final int MAX_DOLLARS_TO_PERMUTE = 6;

  private final Elements elements;
  private final Types types;
  private final Map<String, TypeElement> registered = new ConcurrentHashMap<>();
  /**
   * Answers found so far, by internal name. A class once found keeps its header for the whole
   * compilation; a miss is not remembered, since a local class may be registered later.
   */
  private final Map<String, ClassInfo> found = new ConcurrentHashMap<>();

  ElementsHierarchy(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** Makes {@code type} findable by its binary name (needed for local and anonymous classes). */
  void register(TypeElement type) {
    registered.put(internalName(type), type);
  }

  @Override
  public ClassInfo find(String internalName) {
    if (internalName == null || internalName.startsWith("[")) {
      return null;
    }
    ClassInfo known = found.get(internalName);
    if (known != null) {
      return known;
    }
    TypeElement type = lookUp(internalName);
    if (type == null) {
      return null;
    }
    ClassInfo info = info(type);
    found.put(internalName, info);
    return info;
  }

  private TypeElement lookUp(String internalName) {
    TypeElement known = registered.get(internalName);
    if (known != null) {
      return known;
    }
    for (String candidate : canonicalCandidates(internalName.replace('/', '.'))) {
      TypeElement type = elements.getTypeElement(candidate);
      if (type != null && internalName(type).equals(internalName)) {
        return type;
      }
    }
    return null;
  }

  /**
   * Canonical names that {@code binaryName} may stand for: every '$' read as a nesting dot first
   * (the usual case), then as part of a name, then the mixed readings.
   */
  static List<String> canonicalCandidates(String binaryName) {
    List<Integer> dollars = new ArrayList<>();
    int packageEnd = binaryName.lastIndexOf('.');
    for (int i = packageEnd + 1; i < binaryName.length(); i++) {
      if (binaryName.charAt(i) == '$') {
        dollars.add(i);
      }
    }
    Set<String> candidates = new LinkedHashSet<>();
    candidates.add(
        binaryName.substring(0, packageEnd + 1)
            + binaryName.substring(packageEnd + 1).replace('$', '.'));
    candidates.add(binaryName);
    if (dollars.size() <= MAX_DOLLARS_TO_PERMUTE) {
      for (int mask = 1; mask < (1 << dollars.size()) - 1; mask++) {
        char[] chars = binaryName.toCharArray();
        for (int bit = 0; bit < dollars.size(); bit++) {
          if ((mask & (1 << bit)) != 0) {
            chars[dollars.get(bit)] = '.';
          }
        }
        candidates.add(new String(chars));
      }
    }
    return List.copyOf(candidates);
  }

  private ClassInfo info(TypeElement type) {
    List<String> interfaces = new ArrayList<>();
    for (TypeMirror each : type.getInterfaces()) {
      interfaces.add(internalName(each));
    }
    return new ClassInfo(
        internalName(type), superName(type), List.copyOf(interfaces), type.getKind().isInterface());
  }

  private String superName(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    if (superclass.getKind() == TypeKind.DECLARED) {
      return internalName(superclass);
    }
    // Interfaces record java/lang/Object as their superclass in class files; Object has none.
    return type.getQualifiedName().contentEquals("java.lang.Object") ? null : "java/lang/Object";
  }

  private String internalName(TypeMirror type) {
    Element element = ((DeclaredType) types.erasure(type)).asElement();
    return internalName((TypeElement) element);
  }

  private String internalName(TypeElement type) {
    return elements.getBinaryName(type).toString().replace('.', '/');
  }
}
