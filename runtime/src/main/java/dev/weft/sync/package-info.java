/**
 * Coordination between coroutines without blocking a thread: {@link dev.weft.sync.Channel} and
 * {@link dev.weft.sync.Semaphore}.
 */
package dev.weft.sync;
