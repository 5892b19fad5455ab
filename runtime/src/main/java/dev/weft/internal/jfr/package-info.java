/**
 * The runtime's JDK Flight Recorder events, in category "Weft"; not API, and may change in any
 * release. The events, by name:
 *
 * <ul>
 *   <li>{@code dev.weft.Suspension}: one suspension of a coroutine, from its await to its resume
 *       on its loop, with the {@code @Async} method, the await (number, file, line) and, as the
 *       event thread, the loop thread. Off by default; 10 ms threshold when enabled.
 *   <li>{@code dev.weft.LoopStall}: a loop step (a task, a coroutine's resume, the expired timers,
 *       an I/O turn) that ran longer than its threshold (20 ms), with the coroutine it resumed.
 *   <li>{@code dev.weft.BlockingQueued}: how long a {@code Task.blocking} job waited in the
 *       blocking pool's queue before a thread took it (threshold 10 ms).
 *   <li>{@code dev.weft.UnobservedFailure}: a failed task nobody observed, with its method and the
 *       exception's class and message.
 * </ul>
 *
 * <p>Cost, when no recording enables an event: nothing is allocated and no clock is read. Every
 * place that may emit asks {@link dev.weft.internal.jfr.WeftEvents} first. Until the recorder has
 * started in this JVM ({@code FlightRecorder.isInitialized()}, one volatile read), that is all: no
 * event class is touched, since making the first event of a recorder that has not started loads
 * its whole metadata (about a hundred classes). Once it has started, the check is {@code
 * isEnabled()} on one event of that type kept for the purpose, which reads the JDK's own enabled
 * flag for the type (a few loads) and which the JDK keeps current as recordings start, stop or
 * change settings. A static flag of ours kept by a {@code FlightRecorderListener} would cost as
 * much and would miss a settings change on a running recording, which notifies no listener.
 * Only when the check is true is an event object made, begun (a clock read) and ended, and its
 * fields filled only if it lasted past the threshold; a loop reuses one loop-stall event for all
 * its steps. A suspension needs its event from the await to the resume: it is kept in a map
 * beside the frame, not in a field of every frame, and the frame carries one bit of its existing
 * state word saying so, which the resume tests.
 *
 * <p>{@code docs/weft.jfc} enables them all with thresholds: {@code
 * -XX:StartFlightRecording:settings=default,settings=docs/weft.jfc,filename=app.jfr}.
 *
 * <p>The only package of the runtime that names {@code jdk.jfr}; where that module is absent, the
 * events are never enabled and their classes never loaded.
 */
package dev.weft.internal.jfr;
