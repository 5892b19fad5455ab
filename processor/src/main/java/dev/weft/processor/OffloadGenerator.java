package dev.weft.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The {@code @Offload} facade: each method returns {@code Task.blocking(() ->
 * delegate.method(args))}, so the call runs on the blocking pool, a coroutine awaiting it resumes
 * on its own loop, the task fails with exactly what the method threw, and cancelling the task
 * interrupts the call.
 */
final class OffloadGenerator {
  private final FacadeSkeleton skeleton;

  OffloadGenerator(FacadeSkeleton skeleton) {
    this.skeleton = skeleton;
  }

  TypeSpec generate(TypeElement type, List<FacadeMethod> methods) {
    TypeSpec.Builder facade =
        skeleton
            .builder(type, FacadeKind.OFFLOAD)
            .addJavadoc(
                "Runs each method of {@link $T} on Weft's blocking pool through {@link $T#blocking}:\n"
                    + "the returned task completes with the method's result or fails with what it\n"
                    + "threw, checked exceptions as they are; cancelling the task interrupts the call.\n",
                ClassName.get(type),
                FacadeSkeleton.TASK);
    for (FacadeMethod method : methods) {
      facade.addMethod(method(method));
    }
    return facade.build();
  }

  private MethodSpec method(FacadeMethod method) {
    TypeMirror returned = method.type().getReturnType();
    boolean isVoid = returned.getKind() == TypeKind.VOID;
    TypeName value = isVoid ? ClassName.get(Void.class) : TypeName.get(returned).box();
    MethodSpec.Builder builder =
        FacadeSkeleton.method(method)
            .returns(ParameterizedTypeName.get(FacadeSkeleton.TASK, value))
            .addJavadoc("Calls {@code $L} on the blocking pool.\n", method.callName());
    if (isVoid) {
      return builder
          .addCode("return $T.blocking(() -> {\n$>", FacadeSkeleton.TASK)
          .addStatement("this.delegate.$N($L)", method.name(), FacadeSkeleton.arguments(method))
          .addStatement("return null")
          .addCode("$<});\n")
          .build();
    }
    return builder
        .addStatement(
            "return $T.blocking(() -> this.delegate.$N($L))",
            FacadeSkeleton.TASK,
            method.name(),
            FacadeSkeleton.arguments(method))
        .build();
  }
}
