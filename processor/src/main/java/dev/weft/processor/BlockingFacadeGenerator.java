package dev.weft.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * The {@code @BlockingFacade} facade: each method calls the asynchronous method and waits for its
 * stage through the private helpers of {@link BlockingFacadeHelpers}, rethrowing the original
 * failure (declared checked exceptions and unchecked ones as they are, undeclared checked ones
 * wrapped in {@code UndeclaredThrowableException}).
 *
 * <p>The generated class depends only on the JDK and {@code dev.weft.Task}'s public API, so its
 * helpers are generated into it rather than called in the runtime.
 */
final class BlockingFacadeGenerator {
  private final FacadeSkeleton skeleton;

  BlockingFacadeGenerator(FacadeSkeleton skeleton) {
    this.skeleton = skeleton;
  }

  TypeSpec generate(TypeElement type, List<FacadeMethod> methods) {
    TypeSpec.Builder facade =
        skeleton
            .builder(type, FacadeKind.BLOCKING)
            .addJavadoc(
                "Calls each method of {@link $T} and waits for its stage: returns its value or\n"
                    + "throws its original failure. For threads that are not event loops.\n",
                ClassName.get(type));
    for (FacadeMethod method : methods) {
      facade.addMethod(method(method));
    }
    return facade
        .addMethod(BlockingFacadeHelpers.joinStage())
        .addMethod(BlockingFacadeHelpers.uncheckedFailure())
        .build();
  }

  private MethodSpec method(FacadeMethod method) {
    TypeName value = valueType(method.type().getReturnType());
    boolean isVoid = value.equals(ClassName.get(Void.class));
    String caught = caughtName(method);
    MethodSpec.Builder builder =
        FacadeSkeleton.method(method)
            .returns(isVoid ? TypeName.VOID : value)
            .addJavadoc("Calls {@code $L} and waits for its stage.\n", method.callName())
            .beginControlFlow("try")
            .addStatement(
                (isVoid ? "" : "return ") + "$N(this.delegate.$N($L), $S)",
                BlockingFacadeHelpers.JOIN_STAGE,
                method.name(),
                FacadeSkeleton.arguments(method),
                method.callName())
            .nextControlFlow("catch ($T $N)", Throwable.class, caught);
    for (TypeMirror thrown : method.type().getThrownTypes()) {
      TypeName thrownName = TypeName.get(thrown);
      builder
          .addException(thrownName)
          .beginControlFlow("if ($N instanceof $T)", caught, thrownName)
          .addStatement("throw ($T) $N", thrownName, caught)
          .endControlFlow();
    }
    return builder
        .addStatement(
            "throw $N($N, $S)", BlockingFacadeHelpers.UNCHECKED_FAILURE, caught, method.callName())
        .endControlFlow()
        .build();
  }

  /** The stage's value type: its type argument, the upper bound of a wildcard, Object if raw. */
  private static TypeName valueType(TypeMirror stage) {
    List<? extends TypeMirror> arguments = ((DeclaredType) stage).getTypeArguments();
    if (arguments.isEmpty()) {
      return ClassName.OBJECT;
    }
    TypeMirror argument = arguments.get(0);
    if (argument instanceof WildcardType wildcard) {
      return wildcard.getExtendsBound() != null
          ? TypeName.get(wildcard.getExtendsBound())
          : ClassName.OBJECT;
    }
    return TypeName.get(argument);
  }

  /** {@code e}, or a name no parameter of {@code method} has. */
  private static String caughtName(FacadeMethod method) {
    Set<String> taken = new HashSet<>();
    for (VariableElement parameter : method.element().getParameters()) {
      taken.add(parameter.getSimpleName().toString());
    }
    String name = "e";
    while (taken.contains(name)) {
      name += "_";
    }
    return name;
  }
}
