package dev.weft.processor;

import dev.weft.weaver.Names;

/**
 * The source-level names the processor recognizes: the weaver's {@link Names}, spelled as javac
 * spells them.
 */
final class WeftNames {
  /** The method annotation that marks a method to weave. */
  static final String ASYNC = Names.binaryName(Names.ASYNC);

  /** The class whose static {@code await} methods suspend an {@code @Async} method. */
  static final String TASK = Names.binaryName(Names.TASK);

  /** The name of every {@code await} overload of {@link #TASK}. */
  static final String AWAIT = Names.AWAIT;

  /** The structured scope that owns the tasks it starts ({@code spawn}) or adopts. */
  static final String TASK_SCOPE = "dev.weft.TaskScope";

  /** The return types an {@code @Async} method may declare, compared after erasure. */
  static final java.util.Set<String> ASYNC_RETURN_TYPES =
      java.util.Set.of(
          TASK,
          "java.util.concurrent.CompletableFuture",
          "java.util.concurrent.CompletionStage");

  /** The interface annotation that asks for a {@code Task}-returning facade of blocking methods. */
  static final String OFFLOAD = "dev.weft.annotations.Offload";

  /** The interface annotation that asks for a blocking facade of asynchronous methods. */
  static final String BLOCKING_FACADE = "dev.weft.annotations.BlockingFacade";

  private WeftNames() {}
}
