package dev.weft.internal;

import dev.weft.EventLoop;

/**
 * Runtime support for woven code; not for direct use. Frames with their saved values in fields
 * instead of arrays, so that an invocation that suspends allocates one object: the frame, which is
 * also the task it returns. {@code RnPm} holds {@code n} references ({@code r0}...) and {@code m}
 * primitives ({@code p0}..., every primitive type widened to a long). Woven code uses one of these
 * when its largest suspension point fits; larger ones use {@link Arrays}, whose saved values are in
 * two arrays. Every class and field here is ABI (see {@code weaver/STATE_MACHINE.md}).
 */
public final class Frames {
  private Frames() {}

  /** The largest number of references a frame class here holds. */
  public static final int MAX_REFS = 4;

  /** The largest number of primitives a frame class here holds. */
  public static final int MAX_PRIMS = 2;

  /** A new frame with exactly {@code refs} reference and {@code prims} primitive fields. */
  static Coroutine<?> of(Coroutine.Resumer resumer, EventLoop loop, int refs, int prims) {
    return switch (refs * (MAX_PRIMS + 1) + prims) {
      case 1 -> new R0P1(resumer, loop);
      case 2 -> new R0P2(resumer, loop);
      case 3 -> new R1P0(resumer, loop);
      case 4 -> new R1P1(resumer, loop);
      case 5 -> new R1P2(resumer, loop);
      case 6 -> new R2P0(resumer, loop);
      case 7 -> new R2P1(resumer, loop);
      case 8 -> new R2P2(resumer, loop);
      case 9 -> new R3P0(resumer, loop);
      case 10 -> new R3P1(resumer, loop);
      case 11 -> new R3P2(resumer, loop);
      case 12 -> new R4P0(resumer, loop);
      case 13 -> new R4P1(resumer, loop);
      case 14 -> new R4P2(resumer, loop);
      default -> throw new IllegalArgumentException("no frame class for " + refs + " references and " + prims + " primitives");
    };
  }

  /**
   * A frame whose saved values are in arrays, for methods too large for the classes with fields;
   * made by {@link Coroutine#newFrame}. A frame that saves nothing is a plain {@link Coroutine}.
   */
  public static final class Arrays extends Coroutine<Object> {
    /** Spilled references of the body, or null when none; written and read by woven code only. */
    public final Object[] refs;
    /** Spilled primitives (every primitive type as a long), or null; woven code only. */
    public final long[] prims;

    Arrays(Coroutine.Resumer resumer, EventLoop loop, int refSlots, int primSlots) {
      super(resumer, loop);
      this.refs = refSlots > 0 ? new Object[refSlots] : null;
      this.prims = primSlots > 0 ? new long[primSlots] : null;
    }
  }

  /** A frame of 0 reference(s) and 1 primitive(s). */
  public static final class R0P1 extends Coroutine<Object> {
    public long p0;

    R0P1(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 0 reference(s) and 2 primitive(s). */
  public static final class R0P2 extends Coroutine<Object> {
    public long p0, p1;

    R0P2(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 1 reference(s) and 0 primitive(s). */
  public static final class R1P0 extends Coroutine<Object> {
    public Object r0;

    R1P0(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 1 reference(s) and 1 primitive(s). */
  public static final class R1P1 extends Coroutine<Object> {
    public Object r0;
    public long p0;

    R1P1(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 1 reference(s) and 2 primitive(s). */
  public static final class R1P2 extends Coroutine<Object> {
    public Object r0;
    public long p0, p1;

    R1P2(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 2 reference(s) and 0 primitive(s). */
  public static final class R2P0 extends Coroutine<Object> {
    public Object r0, r1;

    R2P0(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 2 reference(s) and 1 primitive(s). */
  public static final class R2P1 extends Coroutine<Object> {
    public Object r0, r1;
    public long p0;

    R2P1(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 2 reference(s) and 2 primitive(s). */
  public static final class R2P2 extends Coroutine<Object> {
    public Object r0, r1;
    public long p0, p1;

    R2P2(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 3 reference(s) and 0 primitive(s). */
  public static final class R3P0 extends Coroutine<Object> {
    public Object r0, r1, r2;

    R3P0(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 3 reference(s) and 1 primitive(s). */
  public static final class R3P1 extends Coroutine<Object> {
    public Object r0, r1, r2;
    public long p0;

    R3P1(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 3 reference(s) and 2 primitive(s). */
  public static final class R3P2 extends Coroutine<Object> {
    public Object r0, r1, r2;
    public long p0, p1;

    R3P2(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 4 reference(s) and 0 primitive(s). */
  public static final class R4P0 extends Coroutine<Object> {
    public Object r0, r1, r2, r3;

    R4P0(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 4 reference(s) and 1 primitive(s). */
  public static final class R4P1 extends Coroutine<Object> {
    public Object r0, r1, r2, r3;
    public long p0;

    R4P1(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }

  /** A frame of 4 reference(s) and 2 primitive(s). */
  public static final class R4P2 extends Coroutine<Object> {
    public Object r0, r1, r2, r3;
    public long p0, p1;

    R4P2(Coroutine.Resumer resumer, EventLoop loop) {
      super(resumer, loop);
    }
  }
}
