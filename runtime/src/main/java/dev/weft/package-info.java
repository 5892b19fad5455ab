/**
 * Weft's runtime: {@link dev.weft.Task} and {@link dev.weft.Promise}, the tasks that {@code @Async}
 * methods return and await; {@link dev.weft.TaskScope}, {@link dev.weft.TaskLocal} and {@link
 * dev.weft.Deadline}; {@link dev.weft.EventLoop} and {@link dev.weft.EventLoopGroup}, the threads
 * that resume them, with their timers and the pool for blocking work; {@link dev.weft.Coroutines},
 * what every suspended coroutine waits for. TCP is in {@code dev.weft.net}, channels and the
 * semaphore in {@code dev.weft.sync}; the frames that woven code drives are in {@code
 * dev.weft.internal} (not for direct use).
 *
 * <pre>
 *   await(stage) ──incomplete──▶ Coroutine.suspend ──▶ stage's waiter slot
 *                                                          │ completes (any thread)
 *   loop thread ◀── MPSC run queue ◀── frame posts itself ─┘
 *        └──▶ Resumer.resume(frame) ──▶ state machine continues at frame.label()
 * </pre>
 *
 * <p>Nothing here depends on anything but the JDK.
 */
package dev.weft;
