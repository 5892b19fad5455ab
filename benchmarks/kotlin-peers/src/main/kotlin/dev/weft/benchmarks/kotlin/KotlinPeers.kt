package dev.weft.benchmarks.kotlin

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield

/**
 * The kotlinx.coroutines peer of every benchmark workload, as static methods that Java calls.
 *
 * Every method runs its whole batch on the calling thread (a `runBlocking` event loop, so one
 * thread and one run queue, as a Weft event loop) and returns a checksum for the caller to
 * consume, so that no work can be dropped as dead. Call from one thread at a time per method.
 */
object KotlinPeers {
  private val done: Deferred<Int> = CompletableDeferred(41)

  /** `n` suspend/resume round trips: await an incomplete deferred, complete it, resume, add one. */
  @JvmStatic
  fun suspendResume(n: Int): Long = runBlocking {
    val jobs = arrayOfNulls<Deferred<Int>>(n)
    for (i in 0 until n) {
      val d = CompletableDeferred<Int>()
      jobs[i] = async(start = CoroutineStart.UNDISPATCHED) { d.await() + 1 }
      d.complete(i)
    }
    var sum = 0L
    for (j in jobs) sum += j!!.await()
    sum
  }

  /** `n` calls of a suspend function that awaits an already-completed deferred and adds one. */
  @JvmStatic
  fun completed(n: Int): Long = runBlocking {
    var sum = 0L
    for (i in 0 until n) sum += plusOne(done)
    sum
  }

  /**
   * `n` suspend call chains `depth` deep over a leaf: completed (nothing suspends) or incomplete
   * until the whole chain is built (every level suspends and resumes).
   */
  @JvmStatic
  fun depth(n: Int, depth: Int, suspending: Boolean): Long = runBlocking {
    var sum = 0L
    if (!suspending) {
      for (i in 0 until n) sum += chain(depth, done)
    } else {
      val jobs = arrayOfNulls<Deferred<Int>>(n)
      for (i in 0 until n) {
        val d = CompletableDeferred<Int>()
        jobs[i] = async(start = CoroutineStart.UNDISPATCHED) { chain(depth, d) }
        d.complete(i)
      }
      for (j in jobs) sum += j!!.await()
    }
    sum
  }

  /**
   * `n` coroutines started eagerly (as a Weft call starts), each returning its index at once or
   * after suspending once (`yield`); then all awaited.
   */
  @JvmStatic
  fun spawn(n: Int, suspendOnce: Boolean): Long = runBlocking {
    val jobs = arrayOfNulls<Deferred<Int>>(n)
    for (i in 0 until n) {
      jobs[i] = async(start = CoroutineStart.UNDISPATCHED) {
        if (suspendOnce) yield()
        i
      }
    }
    var sum = 0L
    for (j in jobs) sum += j!!.await()
    sum
  }

  /** `n` elements handed from one coroutine to another through a rendezvous channel. */
  @JvmStatic
  fun pingPong(n: Int): Long = runBlocking {
    val channel = Channel<Int>(Channel.RENDEZVOUS)
    launch { for (i in 0 until n) channel.send(i) }
    var sum = 0L
    for (i in 0 until n) sum += channel.receive()
    sum
  }

  /** The fan-out tree: `size` leaves, `fanOut` children per node, each child its own coroutine. */
  @JvmStatic
  fun tree(size: Int, fanOut: Int): Long = runBlocking { node(this, 0L, size, fanOut) }

  private suspend fun node(scope: CoroutineScope, num: Long, size: Int, fanOut: Int): Long {
    if (size == 1) return num
    val step = size / fanOut
    val children = arrayOfNulls<Deferred<Long>>(fanOut)
    for (i in 0 until fanOut) {
      children[i] = scope.async { node(scope, num + i.toLong() * step, step, fanOut) }
    }
    var sum = 0L
    for (c in children) sum += c!!.await()
    return sum
  }

  /**
   * `coroutines` coroutines each sleeping `sleeps` times `millis` ms on one thread; the wall
   * time in nanoseconds.
   */
  @JvmStatic
  fun sleeps(coroutines: Int, sleeps: Int, millis: Long): Long {
    val start = System.nanoTime()
    runBlocking {
      for (c in 0 until coroutines) {
        launch { for (s in 0 until sleeps) delay(millis) }
      }
    }
    return System.nanoTime() - start
  }

  /** `n` round trips to the blocking pool (`Dispatchers.IO`) and back, one after the other. */
  @JvmStatic
  fun blocking(n: Int): Long = runBlocking {
    var sum = 0L
    for (i in 0 until n) sum += withContext(Dispatchers.IO) { i }
    sum
  }

  /**
   * Starts `leaves.size` coroutines, each suspended at the bottom of a `depth`-deep suspend chain
   * on its own incomplete deferred, stored in `leaves`, the coroutines in `jobs` (arrays of the
   * same size, made by the caller, so that measuring the coroutines can leave them out); all stay
   * strongly reachable from those arrays until [Parked.release].
   */
  @JvmStatic
  fun park(depth: Int, leaves: Array<Any?>, jobs: Array<Any?>): Parked {
    require(leaves.size == jobs.size) { "leaves and jobs differ in size: ${leaves.size} and ${jobs.size}" }
    val scope = CoroutineScope(Dispatchers.Unconfined)
    for (i in leaves.indices) {
      val d = CompletableDeferred<Int>()
      leaves[i] = d
      jobs[i] = scope.async(start = CoroutineStart.UNDISPATCHED) { chain(depth, d) }
    }
    return Parked(leaves, jobs)
  }

  /** Coroutines suspended by [park], with what they wait on. */
  class Parked internal constructor(private val leaves: Array<Any?>, private val jobs: Array<Any?>) {
    /** Completes every leaf (the coroutines resume on this thread) and returns their sum. */
    @Suppress("UNCHECKED_CAST")
    fun release(): Long {
      for ((i, d) in leaves.withIndex()) (d as CompletableDeferred<Int>).complete(i)
      var sum = 0L
      for (j in jobs) sum += (j as Deferred<Int>).getCompleted()
      return sum
    }

    /** How many coroutines are still suspended. */
    fun suspended(): Int = jobs.count { !(it as Deferred<*>).isCompleted }
  }

  private suspend fun plusOne(d: Deferred<Int>): Int = d.await() + 1

  private suspend fun chain(depth: Int, leaf: Deferred<Int>): Int =
      if (depth == 1) leaf.await() + 1 else chain(depth - 1, leaf) + 1
}
