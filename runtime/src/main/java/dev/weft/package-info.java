/**
 * Weft's runtime: {@link dev.weft.Task} and {@link dev.weft.Promise}, the tasks that {@code @Async}
 * methods return and await; {@link dev.weft.EventLoop} and {@link dev.weft.EventLoopGroup}, the
 * threads that resume them; and {@link dev.weft.Coroutine}, the frame that woven code drives (ABI,
 * not for direct use).
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
