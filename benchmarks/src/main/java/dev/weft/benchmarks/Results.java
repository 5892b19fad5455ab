package dev.weft.benchmarks;

import dev.weft.Task;
import java.util.concurrent.CompletableFuture;

/**
 * Completed results for small integers, shared by every peer, so that a benchmark measures the
 * machinery (await, suspend, resume) and not the allocation of the value a method returns: the
 * Weft side returns a cached {@code Task}, the {@code CompletableFuture} side a cached future.
 */
final class Results {
  static final int SIZE = 4096;
  private static final Task<Integer>[] TASKS = tasks();
  private static final CompletableFuture<Integer>[] FUTURES = futures();

  private Results() {}

  @SuppressWarnings("unchecked")
  private static Task<Integer>[] tasks() {
    Task<Integer>[] a = new Task[SIZE];
    for (int i = 0; i < SIZE; i++) {
      a[i] = Task.completed(i);
    }
    return a;
  }

  @SuppressWarnings("unchecked")
  private static CompletableFuture<Integer>[] futures() {
    CompletableFuture<Integer>[] a = new CompletableFuture[SIZE];
    for (int i = 0; i < SIZE; i++) {
      a[i] = CompletableFuture.completedFuture(i);
    }
    return a;
  }

  /** A completed task of {@code v}: cached for 0 to 4095, else new. */
  static Task<Integer> task(int v) {
    return v >= 0 && v < SIZE ? TASKS[v] : Task.completed(v);
  }

  /** A completed future of {@code v}: cached for 0 to 4095, else new. */
  static CompletableFuture<Integer> future(int v) {
    return v >= 0 && v < SIZE ? FUTURES[v] : CompletableFuture.completedFuture(v);
  }
}
