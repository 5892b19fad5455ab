/**
 * The woven-code ABI: what class files woven by Weft call ({@link dev.weft.internal.Coroutine}, its
 * {@link dev.weft.internal.Coroutine.Resumer} and the {@link dev.weft.internal.Frames} classes).
 * Not for direct use: woven code links against these names and descriptors, which only grow within
 * one woven format (see the weaver's {@code STATE_MACHINE.md}).
 */
package dev.weft.internal;
