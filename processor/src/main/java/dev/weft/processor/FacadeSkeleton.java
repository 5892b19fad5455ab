package dev.weft.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * What both facades share: the name ({@code DaoOffload}, {@code Outer_DaoOffload} for a nested
 * interface), a final class public when its interface is, {@code @Generated} when the target has
 * it, the wrapped implementation in field {@code delegate} set by the one constructor, and the
 * parameters of each wrapping method.
 */
final class FacadeSkeleton {
  static final ClassName TASK = ClassName.get("dev.weft", "Task");
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private final Elements elements;

  FacadeSkeleton(Elements elements) {
    this.elements = elements;
  }

  /** The facade's name: in {@code type}'s package, enclosing names joined with {@code _}. */
  ClassName name(TypeElement type, FacadeKind kind) {
    String name = type.getSimpleName() + kind.suffix();
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
      name = e.getSimpleName() + "_" + name;
    }
    return ClassName.get(elements.getPackageOf(type).getQualifiedName().toString(), name);
  }

  /** The class with its field and constructor; the caller adds the methods and javadoc. */
  TypeSpec.Builder builder(TypeElement type, FacadeKind kind) {
    boolean isPublic = type.getModifiers().contains(Modifier.PUBLIC);
    ClassName interfaceName = ClassName.get(type);
    TypeSpec.Builder builder =
        TypeSpec.classBuilder(name(type, kind)).addOriginatingElement(type).addModifiers(Modifier.FINAL);
    if (isPublic) {
      builder.addModifiers(Modifier.PUBLIC);
    }
    if (elements.getTypeElement(GENERATED.canonicalName()) != null) {
      builder.addAnnotation(
          AnnotationSpec.builder(GENERATED)
              .addMember("value", "$S", WeftProcessor.class.getName())
              .build());
    }
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addJavadoc("A facade of {@code delegate}, which every method calls.\n")
            .addParameter(interfaceName, "delegate")
            .addStatement("this.delegate = $T.requireNonNull(delegate, $S)", Objects.class, "delegate");
    if (isPublic) {
      constructor.addModifiers(Modifier.PUBLIC);
    }
    return builder
        .addField(FieldSpec.builder(interfaceName, "delegate", Modifier.PRIVATE, Modifier.FINAL).build())
        .addMethod(constructor.build());
  }

  /** A public method named like {@code method}, with its parameters and varargs. */
  static MethodSpec.Builder method(FacadeMethod method) {
    List<? extends VariableElement> names = method.element().getParameters();
    List<? extends TypeMirror> parameterTypes = method.type().getParameterTypes();
    List<ParameterSpec> parameters = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      parameters.add(
          ParameterSpec.builder(TypeName.get(parameterTypes.get(i)), names.get(i).getSimpleName().toString())
              .build());
    }
    return MethodSpec.methodBuilder(method.name())
        .addModifiers(Modifier.PUBLIC)
        .addParameters(parameters)
        .varargs(method.element().isVarArgs());
  }

  /** The arguments of the call to the delegate: {@code id, reasons}. */
  static CodeBlock arguments(FacadeMethod method) {
    List<CodeBlock> names = new ArrayList<>();
    for (VariableElement parameter : method.element().getParameters()) {
      names.add(CodeBlock.of("$N", parameter.getSimpleName().toString()));
    }
    return CodeBlock.join(names, ", ");
  }
}
