package dev.weft.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeVariableName;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.lang.model.element.Modifier;

/**
 * The two private static helpers of every {@code @BlockingFacade} class.
 *
 * <p>{@value #JOIN_STAGE}: waits for the stage, interruptibly, through {@code Future.get} ({@code
 * Task.get} refuses on an event-loop thread, as {@code Task.join} does); on interrupt it cancels
 * the stage and throws {@code InterruptedException}; on failure it throws the cause unwrapped from
 * {@code ExecutionException} and {@code CompletionException}.
 *
 * <p>{@value #UNCHECKED_FAILURE}: what a facade method throws for a failure its {@code throws}
 * clause does not allow: unchecked exceptions and errors as they are; for an interrupt, the
 * interrupt flag set again and a {@code CancellationException} caused by it; any other checked
 * exception wrapped in {@code UndeclaredThrowableException}, as a dynamic proxy does.
 */
final class BlockingFacadeHelpers {
  static final String JOIN_STAGE = "joinStage";
  static final String UNCHECKED_FAILURE = "uncheckedFailure";
  /** Both helpers' names, which the interface's methods must not have. */
  static final Set<String> NAMES = Set.of(JOIN_STAGE, UNCHECKED_FAILURE);

  private BlockingFacadeHelpers() {}

  static MethodSpec joinStage() {
    TypeVariableName t = TypeVariableName.get("T");
    return MethodSpec.methodBuilder(JOIN_STAGE)
        .addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addTypeVariable(t)
        .returns(t)
        .addParameter(ParameterizedTypeName.get(ClassName.get(CompletionStage.class), t), "stage")
        .addParameter(String.class, "method")
        .addException(Throwable.class)
        .addStatement(
            "$T.requireNonNull(stage, () -> method + $S)", Objects.class, " returned null instead of a stage")
        .addStatement(
            "$T<$T> future = stage instanceof $T ? ($T<$T>) stage : stage.toCompletableFuture()",
            Future.class, t, Future.class, Future.class, t)
        .beginControlFlow("try")
        .addStatement("return future.get()")
        .nextControlFlow("catch ($T e)", InterruptedException.class)
        .addStatement("future.cancel(true)")
        .addStatement("throw e")
        .nextControlFlow("catch ($T e)", ExecutionException.class)
        .addStatement("$T cause = e", Throwable.class)
        .beginControlFlow(
            "while ((cause instanceof $T || cause instanceof $T)\n&& cause.getCause() != null)",
            ExecutionException.class, CompletionException.class)
        .addStatement("cause = cause.getCause()")
        .endControlFlow()
        .addStatement("throw cause")
        .endControlFlow()
        .build();
  }

  static MethodSpec uncheckedFailure() {
    return MethodSpec.methodBuilder(UNCHECKED_FAILURE)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(RuntimeException.class)
        .addParameter(Throwable.class, "e")
        .addParameter(String.class, "method")
        .beginControlFlow("if (e instanceof $T)", RuntimeException.class)
        .addStatement("return ($T) e", RuntimeException.class)
        .endControlFlow()
        .beginControlFlow("if (e instanceof $T)", Error.class)
        .addStatement("throw ($T) e", Error.class)
        .endControlFlow()
        .beginControlFlow("if (e instanceof $T)", InterruptedException.class)
        .addStatement("$T.currentThread().interrupt()", Thread.class)
        .addStatement(
            "$T cancelled =\nnew $T($S + method + $S)",
            CancellationException.class, CancellationException.class,
            "interrupted while waiting for ", ", which was cancelled")
        .addStatement("cancelled.initCause(e)")
        .addStatement("return cancelled")
        .endControlFlow()
        .addStatement(
            "return new $T(\ne, method + $S + e)",
            UndeclaredThrowableException.class,
            " failed with a checked exception it does not declare: ")
        .build();
  }
}
